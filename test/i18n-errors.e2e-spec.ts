import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';
import { acceptedLanguage, patternOf, translate } from '../src/common/messages';
import { FRENCH } from '../src/common/messages.fr';
import { createOrganization, PASSWORD, registerUser } from './support/factories';
import { describeApp, ok, refused } from './support/harness';
import { createWorkspace } from './support/world';

/**
 * Every error message exists in French and English: the user's preferredLanguage, else the
 * request's Accept-Language, else English; extensions.code is the same in every language.
 */
const SRC = resolve(__dirname, '../src');

/** The argument of each error class that is its message (NotFoundError's names the kind: "{kind} not found"). */
const MESSAGE_ARGUMENT: Record<string, number> = {
  UnauthenticatedError: 0,
  ForbiddenError: 0,
  NotFoundError: 0,
  ConflictError: 0,
  PreconditionFailedError: 0,
  QueryTooComplexError: 0,
  RateLimitedError: 1,
  ServiceUnavailableError: 1,
  RequestRefusedError: 1,
  GraphQLError: 0,
};

// The settings are refused at start-up, to an operator, not to a caller of the API.
const NOT_CALLERS = new Set([join(SRC, 'config')]);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return NOT_CALLERS.has(path) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

interface Message {
  at: string;
  /** The message as the catalogue keys it: each varying part `{}`. */
  pattern: string;
}

/** Every message literal under src/ that reaches a caller as an error message, a field message or a reason. */
function thrownMessages(): Message[] {
  return sourceFiles(SRC).flatMap((path) => {
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    const constants = new Map<string, ts.Expression>();
    const found: Message[] = [];
    const at = (node: ts.Node) => `${path.slice(SRC.length + 1)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    /** The message patterns an expression may evaluate to: literals, templates, both branches of a condition, a constant of the file. */
    const patterns = (node: ts.Expression): string[] => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
      if (ts.isTemplateExpression(node)) return [node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('')];
      if (ts.isConditionalExpression(node)) return [...patterns(node.whenTrue), ...patterns(node.whenFalse)];
      if (ts.isParenthesizedExpression(node)) return patterns(node.expression);
      if (ts.isIdentifier(node) && constants.has(node.text)) return patterns(constants.get(node.text)!);
      return [];
    };
    const add = (node: ts.Expression | undefined, wrap = (text: string) => text) => {
      if (node) for (const text of patterns(node)) found.push({ at: at(node), pattern: patternOf(wrap(text)) });
    };
    const collect = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isVariableDeclarationList(node.parent) && node.parent.flags & ts.NodeFlags.Const) {
        constants.set(node.name.text, node.initializer);
      }
      ts.forEachChild(node, collect);
    };
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text in MESSAGE_ARGUMENT) {
        const name = node.expression.text;
        const argument = node.arguments?.[MESSAGE_ARGUMENT[name]];
        if (name === 'NotFoundError') {
          add(argument);
          add(argument, (kind) => `${kind} not found`);
        } else add(argument);
        // The reasons of a precondition, when written in place.
        const reasons = name === 'PreconditionFailedError' ? node.arguments?.[1] : undefined;
        if (reasons && ts.isArrayLiteralExpression(reasons)) reasons.elements.forEach((element) => add(element as ts.Expression));
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const owner = node.expression.expression.getText();
        const method = node.expression.name.text;
        if (owner === 'BadUserInputError' && method === 'field') add(node.arguments[1]);
        if (owner === 'reasons' && method === 'push') node.arguments.forEach((argument) => add(argument));
      }
      // Reasons gathered in a list (`...(expired ? ['The invitation has expired'] : [])`) of `reasons` or of a `…Refusals` function.
      if (
        ts.isSpreadElement(node) &&
        ts.isParenthesizedExpression(node.expression) &&
        ts.isConditionalExpression(node.expression.expression) &&
        ts.findAncestor(node, (ancestor) => (ts.isVariableDeclaration(ancestor) || ts.isFunctionDeclaration(ancestor)) && /reasons|refusals/i.test(ancestor.name?.getText() ?? ''))
      ) {
        const branches = [node.expression.expression.whenTrue, node.expression.expression.whenFalse];
        for (const branch of branches) if (ts.isArrayLiteralExpression(branch)) branch.elements.forEach((element) => add(element as ts.Expression));
      }
      // class-validator messages given in place: `{ message: 'must be …' }` in a decorator.
      if (ts.isPropertyAssignment(node) && node.name.getText() === 'message' && ts.findAncestor(node, ts.isDecorator)) add(node.initializer);
      ts.forEachChild(node, visit);
    };
    collect(file);
    visit(file);
    // The text rules (src/common/text-hygiene.ts) answer with what they return.
    if (path.endsWith('text-hygiene.ts')) {
      const returns = (node: ts.Node): void => {
        if (ts.isReturnStatement(node) && node.expression) add(node.expression);
        ts.forEachChild(node, returns);
      };
      returns(file);
    }
    return found;
  });
}

describe('the French catalogue of error messages', () => {
  const keys = new Set(Object.keys(FRENCH).map(patternOf));

  it('has a French entry for every message thrown under src/', () => {
    const messages = thrownMessages();
    expect(messages.length).toBeGreaterThan(150);
    // A message is covered by its own entry or by a pattern it fits (a kind "not found": the kind is checked on its own).
    const covered = (pattern: string) => keys.has(pattern) || translate(pattern, 'fr') !== pattern;
    expect(messages.filter((message) => !covered(message.pattern)).map((message) => `${message.at}: ${message.pattern}`)).toEqual([]);
  });

  it('keeps the varying parts of a message, translated when they are words of the catalogue', () => {
    expect(translate('Watch source not found', 'fr')).toBe('Source de veille introuvable');
    expect(translate('Your role (OBSERVER) may not do this', 'fr')).toBe('Votre rôle (OBSERVER) ne permet pas de faire ceci');
    expect(translate('The French version is behind a later change in English', 'fr')).toBe(
      'La version française est en retard sur une modification ultérieure de la version anglaise',
    );
    expect(translate('first must not be greater than 100', 'fr')).toBe('first ne doit pas dépasser 100');
    expect(translate('each value in tags must be a string', 'fr')).toBe('chaque valeur de tags doit être une chaîne de caractères');
    expect(translate('Watch source not found', 'en')).toBe('Watch source not found');
    expect(translate('A message the catalogue does not know', 'fr')).toBe('A message the catalogue does not know');
  });

  it('reads the preferred language of Accept-Language among French and English', () => {
    expect(acceptedLanguage('fr-CA')).toBe('fr');
    expect(acceptedLanguage('en-CA,fr;q=0.5')).toBe('en');
    expect(acceptedLanguage('de-DE, fr;q=0.4, en;q=0.6')).toBe('en');
    expect(acceptedLanguage('fr;q=0, en;q=0.1')).toBe('en');
    expect(acceptedLanguage('de, es')).toBeUndefined();
    expect(acceptedLanguage(undefined)).toBeUndefined();
  });
});

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const WORKSPACE = `query($id: ID!) { workspace(id: $id) { id } }`;
const ORGANIZATIONS = `query($first: Int) { organizations(first: $first) { totalCount } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;

describeApp('error messages in the caller’s language', ({ app }) => {
  it('answers a refusal of a plain HTTP route (a feed, a calendar, an unsubscribe link, an unknown address) in the language of Accept-Language', async () => {
    const unknownToken = () => randomBytes(32).toString('base64url');
    const feed = await app.get(`/search-feeds/${unknownToken()}.atom`, { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' });
    expect({ status: feed.statusCode, error: feed.json().error }).toEqual({ status: 404, error: { code: 'NOT_FOUND', message: 'Fil introuvable' } });
    const calendar = await app.get(`/calendar/${unknownToken()}.ics`, { 'accept-language': 'fr' });
    expect({ status: calendar.statusCode, error: calendar.json().error }).toEqual({ status: 404, error: { code: 'NOT_FOUND', message: 'Calendrier introuvable' } });
    const unsubscribe = await app.get(`/notifications/unsubscribe?user=${UNKNOWN}&signature=forged`, { 'accept-language': 'fr' });
    expect({ status: unsubscribe.statusCode, error: unsubscribe.json().error }).toEqual({ status: 403, error: { code: 'FORBIDDEN', message: "Ce lien de désabonnement n'est pas valide" } });
    // An address no route serves is refused in the same shape.
    const nowhere = await app.get('/nowhere/at/all', { 'accept-language': 'fr' });
    expect({ status: nowhere.statusCode, error: nowhere.json().error }).toEqual({ status: 404, error: { code: 'NOT_FOUND', message: 'Rien n’est servi à cette adresse' } });
    // English when the header asks for no language this server speaks.
    const english = await app.get(`/calendar/${unknownToken()}.ics`, { 'accept-language': 'de' });
    expect(english.json().error.message).toBe('Calendar not found');
  });

  it('answers a French-speaking user in French, whatever the request’s Accept-Language; the code is unchanged', async () => {
    const french = await registerUser(app, { preferredLanguage: 'fr' });
    const missing = refused(await app.graphql(WORKSPACE, { id: UNKNOWN }, { token: french.token, headers: { 'accept-language': 'en' } }), 'NOT_FOUND');
    expect(missing.message).toBe('Espace de travail introuvable');
    const tooMany = refused(await app.graphql(ORGANIZATIONS, { first: 101 }, { token: french.token }), 'BAD_USER_INPUT');
    expect(tooMany.extensions.fields).toEqual([{ field: 'first', message: 'first ne doit pas dépasser 100' }]);
    expect(tooMany.message).toBe('first: first ne doit pas dépasser 100');
  });

  it('answers a query GraphQL refuses before it runs in French too, with its fields, and keeps the names of the query as written', async () => {
    const french = { headers: { 'accept-language': 'fr' } };
    const missing = refused(await app.graphql(LOGIN, { input: { email: 'x@example.ca' } }, french), 'BAD_USER_INPUT');
    expect(missing.extensions.fields).toEqual([{ field: 'password', message: 'password est obligatoire' }]);
    expect(missing.message).toBe('password: password est obligatoire');
    const wrongType = refused(await app.graphql(ORGANIZATIONS, { first: 'dix' }, french), 'BAD_USER_INPUT');
    expect(wrongType.extensions.fields).toEqual([{ field: 'first', message: "first n'est pas une valeur valide" }]);
    const noOffset = refused(await app.graphql(`query($since: DateTime) { search(query: "x", filter: { since: $since }) { totalCount } }`, { since: '2026-12-01T10:00' }, french), 'BAD_USER_INPUT');
    expect(noOffset.extensions.fields).toEqual([{ field: 'since', message: "since n'est pas une valeur valide" }]);
    // "Organization" is a word of the catalogue ("Organisation"), but here it names a type of the schema.
    const unknownField = refused(await app.graphql(`{ organizations(first: 1) { edges { node { nickname } } } }`, {}, french), 'BAD_USER_INPUT');
    expect(unknownField.message).toBe(`Le champ "nickname" n'existe pas dans le type "Organization". Vouliez-vous dire "name" ?`);
    expect(refused(await app.graphql('{ me { id ', {}, french), 'BAD_USER_INPUT').message).toBe('Erreur de syntaxe : Expected Name, found <EOF>.');
  });

  it('answers an English-speaking user in English even when the request asks for French', async () => {
    const english = await registerUser(app, { preferredLanguage: 'en' });
    const missing = refused(await app.graphql(WORKSPACE, { id: UNKNOWN }, { token: english.token, headers: { 'accept-language': 'fr-CA' } }), 'NOT_FOUND');
    expect(missing.message).toBe('Workspace not found');
  });

  it('answers an anonymous caller in the language of Accept-Language (fr-CA), and in English without one', async () => {
    const person = await registerUser(app);
    const input = { email: person.email, password: `${PASSWORD}!` };
    const inFrench = refused(await app.graphql(LOGIN, { input }, { headers: { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.8' } }), 'UNAUTHENTICATED');
    expect(inFrench.message).toBe('Adresse courriel ou mot de passe erroné');
    const inEnglish = refused(await app.graphql(LOGIN, { input }), 'UNAUTHENTICATED');
    expect(inEnglish.message).toBe('Wrong e-mail address or password');
    const otherLanguage = refused(await app.graphql(LOGIN, { input }, { headers: { 'accept-language': 'de-DE' } }), 'UNAUTHENTICATED');
    expect(otherLanguage.message).toBe('Wrong e-mail address or password');
    refused(await app.graphql(WORKSPACE, { id: UNKNOWN }, { headers: { 'accept-language': 'fr' } }), 'UNAUTHENTICATED');
    expect(refused(await app.graphql(WORKSPACE, { id: UNKNOWN }, { headers: { 'accept-language': 'fr' } }), 'UNAUTHENTICATED').message).toBe(
      "Un jeton d'accès valide est requis",
    );
  });

  it('translates every field of a refused input and the reasons of a precondition', async () => {
    const french = await registerUser(app, { preferredLanguage: 'fr' });
    const response = await app.graphql(
      `mutation($input: RegisterInput!) { register(input: $input) }`,
      { input: { email: `x-${Date.now()}@example.ca`, password: 'short', displayName: 'A\u0007B' } },
      { headers: { 'accept-language': 'fr' } },
    );
    const fields = refused(response, 'BAD_USER_INPUT').extensions.fields.map((field: { message: string }) => field.message);
    expect(fields).toContain('ne doit pas contenir de caractères de contrôle');
    const host = await createOrganization(app, french);
    const workspace = await createWorkspace(app, french, host);
    const leave = await app.graphql(
      `mutation($input: WorkspaceOrganizationInput!) { leaveWorkspace(input: $input) { status } }`,
      { input: { workspaceId: workspace.id, organizationId: host.id } },
      { token: french.token },
    );
    const precondition = refused(leave, 'PRECONDITION_FAILED');
    expect(precondition.message).toBe("L'organisation hôte ne peut pas quitter son propre espace de travail");
    expect(precondition.extensions.reasons).toEqual(["L'organisation hôte ne peut pas quitter son propre espace de travail"]);
    // The user's language, read from the token of a new sign-in.
    const token = ok(await app.graphql(LOGIN, { input: { email: french.email, password: PASSWORD } })).login.accessToken;
    expect(refused(await app.graphql(WORKSPACE, { id: UNKNOWN }, { token }), 'NOT_FOUND').message).toBe('Espace de travail introuvable');
  });
});
