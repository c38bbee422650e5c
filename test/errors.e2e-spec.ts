import { getIntrospectionQuery } from 'graphql';
import { createOrganization, registerUser, TestOrganization, TestUser } from './support/factories';
import { describeApp, ok, refused } from './support/harness';
import { internalsIn } from './support/leaks';

const CREATE_ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
const UPDATE_ORGANIZATION = `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }`;
const READ_ORGANIZATION = `query($slug: String!) { organization(slug: $slug) { slug name { fr en } acronym { fr en } jurisdiction region emailDomains } }`;

describeApp('errors', ({ app }) => {
  let user: TestUser;
  let organization: TestOrganization;
  beforeAll(async () => {
    user = await registerUser(app);
    organization = await createOrganization(app, user, { slug: 'unchanged', region: 'CA-QC', emailDomains: ['example.gc.ca'] });
  });

  /** A POST to /graphql with any body, as a client that got it wrong would send it. */
  const post = (payload: string, contentType = 'application/json') =>
    app.app.getHttpAdapter().getInstance().inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': contentType, authorization: `Bearer ${user.token}` },
      payload,
    });

  /** A refusal before or instead of execution: a client error, JSON, coded, with nothing internal. */
  const expectCleanRefusal = (response: { statusCode: number; headers: Record<string, unknown>; body: string }, status?: number) => {
    if (status) expect(response.statusCode).toBe(status);
    else expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(response.body);
    expect(body.errors.length).toBeGreaterThan(0);
    for (const error of body.errors) expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(internalsIn(response.body)).toEqual([]);
  };

  describe('invalid input', () => {
    it('lists every failing field of an input as { field, message }, with nested paths', async () => {
      const error = refused(
        await app.graphql(CREATE_ORGANIZATION, { input: { slug: 'Not OK', name: { fr: '', en: 'x'.repeat(301) }, jurisdiction: 'FEDERAL', region: 'QC' } }, { token: user.token }),
        'BAD_USER_INPUT',
      );
      const fields = error.extensions.fields.map((field: { field: string }) => field.field);
      expect(new Set(fields)).toEqual(new Set(['slug', 'name.fr', 'name.en', 'region']));
      for (const field of error.extensions.fields) expect(field).toEqual({ field: expect.any(String), message: expect.any(String) });
    });

    it("gives the place of a list item in an error's path as a number", async () => {
      // Once compiled by graphql-jit too: a query runs compiled from its second time on.
      for (let time = 0; time < 3; time++) {
        const response = await app.graphql(`query($size: Int!) { organizations(first: 1) { edges { node { members(first: $size) { totalCount } } } } }`, { size: -5 }, { token: user.token });
        expect(refused(response, 'BAD_USER_INPUT').path).toEqual(['organizations', 'edges', 0, 'node', 'members']);
      }
    });

    it('names a wrongly typed or missing variable as BAD_USER_INPUT', async () => {
      const wrongEnum = refused(await app.graphql(CREATE_ORGANIZATION, { input: { slug: 'ok', name: { fr: 'a', en: 'b' }, jurisdiction: 'GALACTIC' } }, { token: user.token }), 'BAD_USER_INPUT');
      expect(wrongEnum.message).toContain('GALACTIC');
      const missing = refused(await app.graphql(CREATE_ORGANIZATION, {}, { token: user.token }), 'BAD_USER_INPUT');
      expect(missing.message).toContain('$input');
    });

    it('reads an instant only with its offset from UTC, and never rolls an impossible one over', async () => {
      const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { expiresAt } }`;
      const expiring = (expiresAt: unknown) =>
        app.graphql(CREATE_TOKEN, { input: { organizationId: organization.id, name: 'Horaire', scopes: ['SOURCES_READ'], expiresAt } }, { token: user.token });
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      expect(ok(await expiring(`${tomorrow}T10:00:00.25-05:00`)).createApiToken.expiresAt).toBe(`${tomorrow}T15:00:00.250Z`);
      expect(ok(await expiring(`${tomorrow}t10:00:00z`)).createApiToken.expiresAt).toBe(`${tomorrow}T10:00:00.000Z`);
      // Without an offset JavaScript would take the server's time zone; 24:00 would be the next day, a number milliseconds.
      for (const written of [`${tomorrow}T10:00:00`, tomorrow, `${tomorrow}T24:00:00Z`, `${tomorrow}T10:00:00+24:00`, Date.parse(`${tomorrow}T10:00:00Z`)]) {
        const refusal = refused(await expiring(written), 'BAD_USER_INPUT');
        expect(refusal.extensions.fields).toEqual([{ field: 'expiresAt', message: 'expiresAt is not a valid value' }]);
      }
      const literal = await app.graphql(`mutation { createApiToken(input: { organizationId: "${organization.id}", name: "Horaire", scopes: [SOURCES_READ], expiresAt: "${tomorrow}T10:00" }) { id } }`, {}, { token: user.token });
      expect(refused(literal, 'BAD_USER_INPUT').extensions.fields).toEqual([{ field: 'expiresAt', message: 'expiresAt is not a valid value' }]);
    });

    it('names the fields GraphQL itself refuses, in variables and in the query text, before anything runs', async () => {
      // Every error of the refusal is BAD_USER_INPUT; their fields together.
      const fieldsOf = async (query: string, variables: Record<string, unknown> = {}) => {
        const { data, errors = [] } = await app.graphql(query, variables, { token: user.token });
        expect({ data, codes: [...new Set(errors.map((error) => error.extensions.code))] }).toEqual({ data: null, codes: ['BAD_USER_INPUT'] });
        return errors.flatMap((error) => error.extensions.fields);
      };
      const input = { slug: 'never-created', name: { fr: 'a', en: 'b' }, jurisdiction: 'FEDERAL' };
      expect(await fieldsOf(CREATE_ORGANIZATION)).toEqual([{ field: 'input', message: 'input is required' }]);
      expect(await fieldsOf(CREATE_ORGANIZATION, { input: null })).toEqual([{ field: 'input', message: 'input is required' }]);
      expect(await fieldsOf(CREATE_ORGANIZATION, { input: { ...input, name: { fr: 'a' } } })).toEqual([{ field: 'name.en', message: 'name.en is required' }]);
      expect(await fieldsOf(CREATE_ORGANIZATION, { input: { ...input, slug: 5 } })).toEqual([{ field: 'slug', message: 'slug is not a valid value' }]);
      expect(await fieldsOf(CREATE_ORGANIZATION, { input: { ...input, jurisdiction: 'GALACTIC' } })).toEqual([
        { field: 'jurisdiction', message: 'jurisdiction is not a valid value' },
      ]);
      expect(await fieldsOf(CREATE_ORGANIZATION, { input: { ...input, owner: 'me' } })).toEqual([{ field: 'owner', message: 'owner is unknown' }]);
      expect(await fieldsOf(`mutation { createOrganization { id } }`)).toEqual([{ field: 'input', message: 'input is required' }]);
      expect(await fieldsOf(`mutation { createOrganization(input: { slug: "x", name: { fr: "a" }, jurisdiction: FEDERAL }) { id } }`)).toEqual([
        { field: 'name.en', message: 'name.en is required' },
      ]);
      expect(await fieldsOf(`mutation { createOrganization(input: { slug: 5, name: { fr: "a", en: "b" }, jurisdiction: FEDERAL }) { id } }`)).toEqual([
        { field: 'slug', message: 'slug is not a valid value' },
      ]);
      expect(await fieldsOf(`{ organizations(first: "ten") { totalCount } }`)).toEqual([{ field: 'first', message: 'first is not a valid value' }]);
      expect(await fieldsOf(`query($first: Int) { organizations(first: $first) { totalCount } }`, { first: 'ten' })).toEqual([
        { field: 'first', message: 'first is not a valid value' },
      ]);
      expect(await fieldsOf(`{ organizations(owner: "me") { totalCount } }`)).toEqual([{ field: 'owner', message: 'owner is unknown' }]);
      // A variable's default value is named as the variable's own value would be.
      expect(await fieldsOf(`query($first: Int = "ten") { organizations(first: $first) { totalCount } }`)).toEqual([{ field: 'first', message: 'first is not a valid value' }]);
      expect(await fieldsOf(`mutation($input: CreateOrganizationInput! = { slug: 5, name: { fr: "a", en: "b" } }) { createOrganization(input: $input) { id } }`)).toEqual([
        { field: 'jurisdiction', message: 'jurisdiction is required' },
        { field: 'slug', message: 'slug is not a valid value' },
      ]);
      expect(await fieldsOf(`mutation { createOrganization(input: { slug: "x", name: { fr: "a", en: "b", de: "c" }, jurisdiction: FEDERAL, owner: "me" }) { id } }`)).toEqual([
        { field: 'name.de', message: 'name.de is unknown' },
        { field: 'owner', message: 'owner is unknown' },
      ]);
      expect(await fieldsOf(`mutation { createOrganization(input: { slug: "x", name: { fr: "a", en: "b" }, jurisdiction: "FEDERAL" }) { id } }`)).toEqual([
        { field: 'jurisdiction', message: 'jurisdiction is not a valid value' },
      ]);
      // A printed value may look like the rest of the message: the path and the reason are graphql-js' own.
      expect(await fieldsOf(CREATE_ORGANIZATION, { input: { ...input, name: { fr: 'a; b" at "input.slug"; x' } } })).toEqual([{ field: 'name.en', message: 'name.en is required' }]);
      // The same query text again and again, compiled by graphql-jit on the way: the same answer each time.
      const wrongTypes = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { slug } }`;
      for (let time = 0; time < 3; time++) {
        expect(await fieldsOf(wrongTypes, { input: { ...input, name: { fr: 'a', en: 5 }, emailDomains: ['example.ca', 5] } })).toEqual([
          { field: 'emailDomains.1', message: 'emailDomains.1 is not a valid value' },
          { field: 'name.en', message: 'name.en is not a valid value' },
        ]);
      }
      // A default value is read as a value sent for the variable would be, on the request that compiles the query too.
      const withDefault = `query($at: DateTime = "2027-01-01T10:00:00-05:00") { organizations(first: 1) { totalCount } search(query: "x", filter: { since: $at }) { totalCount } }`;
      for (let time = 0; time < 3; time++) expect(ok(await app.graphql(withDefault, {}, { token: user.token })).search.totalCount).toBe(0);
      // A query that is wrong as a query names no input field.
      expect(await fieldsOf(`{ me { nickname } }`)).toEqual([]);
      expect((await app.graphql(READ_ORGANIZATION, { slug: 'never-created' }, { token: user.token })).data?.organization).toBeNull();
    });

    it('refuses oversized strings field by field', async () => {
      const name = refused(
        await app.graphql(`mutation($input: RegisterInput!) { register(input: $input) }`, {
          input: { email: 'long@example.ca', password: 'x'.repeat(20), displayName: 'y'.repeat(10_000) },
        }),
        'BAD_USER_INPUT',
      );
      expect(name.extensions.fields).toEqual([{ field: 'displayName', message: expect.stringContaining('120') }]);
      const password = refused(
        await app.graphql(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, { input: { email: user.email, password: 'p'.repeat(10_000) } }),
        'BAD_USER_INPUT',
      );
      expect(password.extensions.fields.map((field: { field: string }) => field.field)).toEqual(['password']);
      const search = refused(await app.graphql(`{ organizations(search: "${'q'.repeat(10_000)}") { totalCount } }`, {}, { token: user.token }), 'BAD_USER_INPUT');
      expect(search.extensions.fields.map((field: { field: string }) => field.field)).toEqual(['search']);
    });
  });

  describe('malformed queries', () => {
    it('answers a syntax error or an unknown field with a clear message, a code and no internals', async () => {
      const syntax = await app.graphql('{ me { id ', {}, { token: user.token });
      expect(syntax.errors?.[0].message).toMatch(/^Syntax Error/);
      const unknown = await app.graphql('{ me { password passwordHash } }', {}, { token: user.token });
      expect(unknown.errors?.map((error) => error.message)).toEqual([
        'Cannot query field "password" on type "User".',
        'Cannot query field "passwordHash" on type "User".',
      ]);
      for (const response of [syntax, unknown]) {
        expect(response.data).toBeNull();
        for (const error of response.errors ?? []) expect(error.extensions.code).toBe('BAD_USER_INPUT');
      }
    });

    it('refuses queries nested too deep, introspection aside: tools read the schema with its standard query', async () => {
      let selection = 'id';
      for (let depth = 0; depth < 8; depth++) selection = `memberships { organization { members { edges { node { user { ${selection} } } } } } }`;
      const response = await app.graphql(`{ me { ${selection} } }`, {}, { token: user.token });
      expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      // Eleven fields above the last: 12 deep is allowed, two more are not.
      const nested = (last: string) =>
        `{ organizations(first: 1) { edges { node { members(first: 1) { edges { node { user { memberships { organization { members(first: 1) { edges { ${last} } } } } } } } } } } } }`;
      ok(await app.graphql(nested('cursor'), {}, { token: user.token }));
      expect(refused(await app.graphql(nested('node { user { id } }'), {}, { token: user.token }), 'BAD_USER_INPUT').message).toBe('The query is nested 14 deep; at most 12 is allowed');
      // graphql-js' standard introspection query, as GraphiQL and schema tools send it, nests 15 deep.
      expect(ok(await app.graphql(getIntrospectionQuery())).__schema.queryType).toMatchObject({ name: 'Query' });
    });

    it('refuses a mutation sent with GET', async () => {
      const query = encodeURIComponent(`mutation { logout(input: { refreshToken: "${user.refreshToken}" }) }`);
      expectCleanRefusal(await app.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: `/graphql?query=${query}`, headers: { authorization: `Bearer ${user.token}` } }));
      ok(await app.graphql(`{ me { id } }`, {}, { token: user.token }));
    });

    it('keeps the rest of an answer when one field is refused, and says which', async () => {
      const stranger = await registerUser(app);
      const response = await app.graphql(`{ me { id } organization(slug: "unchanged") { slug members(first: 5) { totalCount } } }`, {}, { token: stranger.token });
      expect(response.data?.me).toEqual({ id: stranger.id });
      expect(response.errors?.map((error) => [error.extensions.code, error.path])).toEqual([['FORBIDDEN', ['organization', 'members']]]);
    });
  });

  describe('malformed requests', () => {
    it('refuses a body over 1 MiB with 413, in JSON', async () => {
      for (const size of [1024 * 1024 + 1024, 2 * 1024 * 1024]) {
        const huge = await post(JSON.stringify({ query: '{ me { id } }', variables: { pad: 'z'.repeat(size) } }));
        expectCleanRefusal(huge, 413);
        expect(JSON.parse(huge.body).errors[0].message).toBe('The request body is too large');
      }
    });

    it('refuses malformed JSON with 400', async () => {
      for (const payload of ['{"query": "{ me { id } }"', '{query: me}', '']) {
        const malformed = await post(payload);
        expectCleanRefusal(malformed, 400);
      }
    });

    it('refuses a request that carries no GraphQL query', async () => {
      for (const payload of ['{}', '{"query": ""}', '{"query": null}']) expectCleanRefusal(await post(payload), 400);
      for (const payload of ['{"query": 5}', '[{"query": "{ me { id } }"}]', '"{ me { id } }"', '{"query": "{ me { id } }", "variables": "x"}']) {
        expectCleanRefusal(await post(payload));
      }
      expectCleanRefusal(await post('{ me { id } }', 'text/plain'));
    });

    it('takes GraphQL text only, not a syntax tree in JSON', async () => {
      const tree = { kind: 'Document', definitions: [{ kind: 'OperationDefinition', operation: 'query', selectionSet: { kind: 'SelectionSet', selections: 7 } }] };
      const response = await post(JSON.stringify({ query: JSON.stringify(tree) }));
      expectCleanRefusal(response);
      expect(JSON.parse(response.body).errors[0].message).toBe('The query must be GraphQL text');
    });
  });

  describe('refusals change nothing', () => {
    it('leaves an organization as it was when an update is invalid in part, or not allowed', async () => {
      const before = ok(await app.graphql(READ_ORGANIZATION, { slug: 'unchanged' }, { token: user.token })).organization;
      refused(
        await app.graphql(UPDATE_ORGANIZATION, { input: { organizationId: organization.id, name: { fr: 'Nouveau nom', en: 'New name' }, region: 'CA-XX' } }, { token: user.token }),
        'BAD_USER_INPUT',
      );
      refused(await app.graphql(UPDATE_ORGANIZATION, { input: { organizationId: organization.id, name: null } }, { token: user.token }), 'BAD_USER_INPUT');
      const outsider = await registerUser(app);
      refused(await app.graphql(UPDATE_ORGANIZATION, { input: { organizationId: organization.id, name: { fr: 'Volé', en: 'Stolen' } } }, { token: outsider.token }), 'FORBIDDEN');
      expect(ok(await app.graphql(READ_ORGANIZATION, { slug: 'unchanged' }, { token: user.token })).organization).toEqual(before);
      const audit = await app.dataSource.query(`SELECT count(*)::int AS updates FROM audit_event WHERE organization_id = $1 AND action = 'organization.updated'`, [organization.id]);
      expect(audit).toEqual([{ updates: 0 }]);
    });

    it('turns a unique violation into CONFLICT, with nothing about SQL, and keeps one row', async () => {
      // Created at once: one may pass the existence check before another commits; the unique
      // index still refuses the others, as CONFLICT.
      const racers = await Promise.all(
        [1, 2, 3].map(() => app.graphql(CREATE_ORGANIZATION, { input: { slug: 'raced', name: { fr: 'a', en: 'b' }, jurisdiction: 'FEDERAL' } }, { token: user.token })),
      );
      expect(racers.filter((response) => !response.errors)).toHaveLength(1);
      for (const response of racers.filter((r) => r.errors)) refused(response, 'CONFLICT');
      const [{ count }] = await app.dataSource.query(`SELECT count(*)::int AS count FROM organization WHERE slug = 'raced'`);
      expect(count).toBe(1);
    });
  });
});
