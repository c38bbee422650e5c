import { randomUUID } from 'node:crypto';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  GraphQLInputObjectType,
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { PASSWORD } from './support/factories';
import { describeApp, ok, refused, TestApp } from './support/harness';
import { World } from './support/world';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { user { displayName } } }`;
const CREATE_WORKSPACE = `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { name { fr } description { fr } } }`;

let emails = 0;
const register = (app: TestApp, input: Record<string, unknown>) =>
  app.graphql(REGISTER, { input: { email: `hygiene-${emails++}@example.ca`, password: PASSWORD, displayName: 'Ada', ...input } });

/** The name as stored: registering tells nothing about the account, signing in does. */
async function registeredName(app: TestApp, displayName: string): Promise<string> {
  const email = `hygiene-${emails++}@example.ca`;
  ok(await app.graphql(REGISTER, { input: { email, password: PASSWORD, displayName } }));
  return ok(await app.graphql(LOGIN, { input: { email, password: PASSWORD } })).login.user.displayName;
}

const fieldsOf = (error: { extensions: Record<string, any> }) => error.extensions.fields.map((field: { field: string }) => field.field);

describeApp('text hygiene', { world: true }, ({ app, world }) => {
  it('refuses NUL and other control characters as BAD_USER_INPUT naming the field, in inputs and in plain arguments', async () => {
    for (const displayName of ['Ada\u0000', 'A\u0007da', '\u001bAda', 'A\u000bda']) {
      const error = refused(await register(app, { displayName }), 'BAD_USER_INPUT');
      expect(error.extensions.fields).toEqual([{ field: 'displayName', message: 'must not contain control characters' }]);
    }
    const slug = refused(await app.graphql(`query($slug: String!) { organization(slug: $slug) { id } }`, { slug: 'a\u0000b' }, { token: world.hostAdmin.token }), 'BAD_USER_INPUT');
    expect(fieldsOf(slug)).toEqual(['slug']);
    const search = refused(await app.graphql(`{ organizations(search: "qu\\u0000bec") { totalCount } }`, {}, { token: world.hostAdmin.token }), 'BAD_USER_INPUT');
    expect(fieldsOf(search)).toEqual(['search']);
  });

  it('refuses unpaired surrogates', async () => {
    for (const displayName of ['Ada\ud800', '\udc00Ada', 'A\ud83dda']) {
      expect(fieldsOf(refused(await register(app, { displayName }), 'BAD_USER_INPUT'))).toEqual(['displayName']);
    }
    // A pair is one character, not a problem.
    expect(await registeredName(app, 'Ada \ud83d\ude00')).toBe('Ada 😀');
  });

  it('keeps names (saved searches’ too), slugs and e-mail addresses on one line, without bidirectional controls; long texts may have lines and tabs', async () => {
    for (const bidi of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(fieldsOf(refused(await register(app, { displayName: `Ada${bidi}gpj.exe` }), 'BAD_USER_INPUT'))).toEqual(['displayName']);
      expect(fieldsOf(refused(await register(app, { email: `ada${bidi}@example.ca` }), 'BAD_USER_INPUT'))).toEqual(['email']);
    }
    expect(fieldsOf(refused(await register(app, { displayName: 'Ada\nLovelace' }), 'BAD_USER_INPUT'))).toEqual(['displayName']);

    const workspace = (input: Record<string, unknown>) =>
      app.graphql(
        CREATE_WORKSPACE,
        { input: { hostOrganizationId: world.host.id, slug: `hygiene-${emails++}`, name: { fr: 'Veille', en: 'Watch' }, ...input } },
        { token: world.hostAdmin.token },
      );
    expect(fieldsOf(refused(await workspace({ name: { fr: 'Veille\u202e', en: 'Watch\tlist' } }), 'BAD_USER_INPUT')).sort()).toEqual(['name.en', 'name.fr']);
    const saveSearch = (name: string) =>
      app.graphql(
        `mutation($input: SaveSearchInput!) { saveSearch(input: $input) { name } }`,
        { input: { workspaceId: world.workspace.id, name, query: 'subvention' } },
        { token: world.people.OBSERVER.token },
      );
    for (const name of ['Subventions\u202egpj.exe', 'Sub\u2066ventions', 'Subventions\nRetards']) {
      expect(fieldsOf(refused(await saveSearch(name), 'BAD_USER_INPUT'))).toEqual(['name']);
    }
    expect(ok(await saveSearch('Subventions aux médias')).saveSearch.name).toBe('Subventions aux médias');
    // An organization's e-mail domains end the addresses they admit: they read as they are, too.
    const domains = (emailDomains: string[]) =>
      app.graphql(
        `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { emailDomains } }`,
        { input: { slug: `hygiene-org-${emails++}`, name: { fr: 'Bidi', en: 'Bidi' }, jurisdiction: 'FEDERAL', emailDomains } },
        { token: world.hostAdmin.token },
      );
    expect(fieldsOf(refused(await domains(['quebec.ca', 'gouv\u202eac.ca']), 'BAD_USER_INPUT'))).toEqual(['emailDomains.1']);
    expect(ok(await domains(['quebec.ca'])).createOrganization.emailDomains).toEqual(['quebec.ca']);
    const description = { fr: 'Première ligne\n\tSeconde ligne\r\nאבג \u2067שלום\u2069', en: 'First line\nSecond line' };
    expect(ok(await workspace({ description })).createWorkspace.description.fr).toBe(description.fr);
  });

  it('stores text NFC-normalized: the same name typed with a combining accent is the same name', async () => {
    expect(await registeredName(app, 'Rene\u0301e Cote\u0301')).toBe('Ren\u00e9e Cot\u00e9');
    const name = { fr: 'Qu\u0065\u0301bec', en: 'Que\u0301bec' };
    const created = ok(
      await app.graphql(CREATE_WORKSPACE, { input: { hostOrganizationId: world.host.id, slug: `nfc-${emails++}`, name } }, { token: world.hostAdmin.token }),
    );
    expect(created.createWorkspace.name.fr).toBe('Qu\u00e9bec');
  });

  it('never answers INTERNAL_SERVER_ERROR, whatever text any mutation gets (property-based)', async () => {
    const { schema } = app.app.get(GraphQLSchemaHost);
    const targets = Object.values(schema.getMutationType()!.getFields()).flatMap((mutation) => {
      const input = mutation.args.find((arg) => arg.name === 'input');
      return input && isInputObjectType(getNamedType(input.type))
        ? textPaths(getNamedType(input.type) as GraphQLInputObjectType).map((path) => ({ mutation, input: getNamedType(input.type) as GraphQLInputObjectType, path }))
        : [];
    });
    expect(targets.length).toBeGreaterThan(40);
    // Full Unicode, and runs of what breaks things most: controls, lone surrogates, bidi, combining marks.
    const nasty = fc.constantFrom('\u0000', '\u0001', '\u001f', '\t', '\n', '\r', '\u007f', '\u0085', '\ud800', '\udfff', '\u202e', '\u2066', '\u0301', '\ufeff', '\uffff', "'", '"', '\\', '%', '<');
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: nasty, maxLength: 12 }), fc.string({ unit: fc.oneof(nasty, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 20 }));
    for (const { mutation, input, path } of targets) {
      const selection = isScalarType(getNamedType(mutation.type)) || isEnumType(getNamedType(mutation.type)) ? '' : '{ __typename }';
      const query = `mutation($input: ${input.name}!) { ${mutation.name}(input: $input) ${selection} }`;
      await fc.assert(
        fc.asyncProperty(text, async (value) => {
          const variables = { input: withText(sampleInput(input, world), input, path, value, world) };
          const response = await app.graphql(query, variables, { token: world.hostAdmin.token });
          const codes = (response.errors ?? []).map((error) => error.extensions.code);
          if (codes.includes('INTERNAL_SERVER_ERROR')) throw new Error(`${mutation.name}.${path.join('.')}: ${JSON.stringify(response.errors)}`);
        }),
        // NUL and a lone surrogate first in every field (what reached PostgreSQL as INTERNAL_SERVER_ERROR),
        // then strings from a fixed seed: the same every run; a failure names the field and the string.
        { examples: [['\u0000'], ['\ud800']], numRuns: 6, seed: 20_260_112, endOnFailure: true },
      );
    }
  }, 120_000);
});

/** The paths of the text fields of an input type, nested inputs included (`name.fr`). */
function textPaths(type: GraphQLInputObjectType, seen = new Set<string>()): string[][] {
  if (seen.has(type.name)) return [];
  return Object.values(type.getFields()).flatMap((field) => {
    const named = getNamedType(field.type);
    if (isInputObjectType(named)) return textPaths(named, new Set([...seen, type.name])).map((path) => [field.name, ...path]);
    return isScalarType(named) && named.name === 'String' ? [[field.name]] : [];
  });
}

/** An input with every required field given a plausible value: the world's ids where their names say which. */
function sampleInput(type: GraphQLInputObjectType, world: World): Record<string, unknown> {
  return Object.fromEntries(
    Object.values(type.getFields())
      .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
      .map((field) => [field.name, sampleValue(field.name, field.type, world)]),
  );
}

function sampleValue(name: string, type: GraphQLInputType, world: World): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [sampleValue(name, nullable.ofType, world)];
  if (isInputObjectType(nullable)) return sampleInput(nullable, world);
  if (isEnumType(nullable)) return nullable.getValues()[0].value;
  switch (nullable.name) {
    case 'ID':
      if (/workspace/i.test(name)) return world.workspace.id;
      if (/organization/i.test(name)) return world.host.id;
      if (/user|assignee/i.test(name)) return world.hostAdmin.id;
      return randomUUID();
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return new Date().toISOString();
    default:
      return 'text';
  }
}

/** `input` with `value` at `path`, the objects on the way made when absent; a list of texts gets it as its one item. */
function withText(input: Record<string, unknown>, type: GraphQLInputObjectType, path: string[], value: string, world: World): Record<string, unknown> {
  const [name, ...rest] = path;
  const fieldType = type.getFields()[name].type;
  if (rest.length === 0) return { ...input, [name]: isListType(getNullableType(fieldType)) ? [value] : value };
  const nested = getNamedType(fieldType) as GraphQLInputObjectType;
  const current = (input[name] as Record<string, unknown> | undefined) ?? sampleInput(nested, world);
  return { ...input, [name]: withText(current, nested, rest, value, world) };
}
