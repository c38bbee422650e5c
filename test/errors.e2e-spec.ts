import { createOrganization, registerUser, TestUser } from './support/factories';
import { ok, refused, TestApp } from './support/harness';

/** Nothing internal may leave the server: no stack, no SQL, no file path, no driver error. */
const LEAKS = /QueryFailedError|stacktrace|\bat [\w.<>]+ \(|\/work\/|node_modules|SELECT |INSERT |duplicate key|violates/;

describe('errors', () => {
  let app: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    app = await TestApp.start();
    user = await registerUser(app);
  });
  afterAll(() => app.stop());

  const post = (payload: string, contentType = 'application/json') =>
    app.app.getHttpAdapter().getInstance().inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': contentType, authorization: `Bearer ${user.token}` },
      payload,
    });

  it('list every failing field of an input, with nested paths', async () => {
    const error = refused(
      await app.graphql(
        `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
        { input: { slug: 'Not OK', name: { fr: '', en: 'x'.repeat(301) }, jurisdiction: 'FEDERAL', region: 'QC' } },
        { token: user.token },
      ),
      'BAD_USER_INPUT',
    );
    const fields = error.extensions.fields.map((field: { field: string }) => field.field);
    expect(new Set(fields)).toEqual(new Set(['slug', 'name.fr', 'name.en', 'region']));
    for (const field of error.extensions.fields) expect(field.message).toEqual(expect.any(String));
  });

  it('name a wrongly typed variable as BAD_USER_INPUT', async () => {
    const response = await app.graphql(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { slug: 'ok', name: { fr: 'a', en: 'b' }, jurisdiction: 'GALACTIC' } },
      { token: user.token },
    );
    const error = refused(response, 'BAD_USER_INPUT');
    expect(error.message).toContain('GALACTIC');
  });

  it('answer a query with a syntax error or an unknown field with a code and no internals', async () => {
    for (const query of ['{ me { id ', '{ me { password passwordHash } }']) {
      const response = await app.graphql(query, {}, { token: user.token });
      expect(response.errors?.length).toBeGreaterThan(0);
      for (const error of response.errors ?? []) expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(response)).not.toMatch(LEAKS);
    }
  });

  it('refuse queries nested too deep', async () => {
    let selection = 'id';
    for (let depth = 0; depth < 8; depth++) selection = `memberships { organization { members { edges { node { user { ${selection} } } } } } }`;
    const response = await app.graphql(`{ me { ${selection} } }`, {}, { token: user.token });
    expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuse an oversized string field', async () => {
    const error = refused(
      await app.graphql(`mutation($input: RegisterInput!) { register(input: $input) { accessToken } }`, {
        input: { email: 'long@example.ca', password: 'x'.repeat(20), displayName: 'y'.repeat(10_000) },
      }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions.fields).toEqual([{ field: 'displayName', message: expect.stringContaining('120') }]);
  });

  it('refuse an oversized body and malformed JSON cleanly', async () => {
    const huge = await post(JSON.stringify({ query: '{ me { id } }', variables: { pad: 'z'.repeat(2 * 1024 * 1024) } }));
    expect(huge.statusCode).toBe(413);
    expect(JSON.parse(huge.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(huge.body).not.toMatch(LEAKS);
    const malformed = await post('{"query": "{ me { id } }"');
    expect(malformed.statusCode).toBe(400);
    expect(JSON.parse(malformed.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(malformed.body).not.toMatch(LEAKS);
  });

  it('turn a unique violation into CONFLICT, leaving the data as it was', async () => {
    const organization = await createOrganization(app, user, { slug: 'unchanged' });
    // Two creations at once: one may pass the existence check before the other commits; the
    // unique index still refuses it, as a CONFLICT, with nothing about SQL in it.
    const racers = await Promise.all(
      [1, 2, 3].map(() =>
        app.graphql(`mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`, {
          input: { slug: 'raced', name: { fr: 'a', en: 'b' }, jurisdiction: 'FEDERAL' },
        }, { token: user.token }),
      ),
    );
    expect(racers.filter((response) => !response.errors)).toHaveLength(1);
    for (const response of racers.filter((r) => r.errors)) {
      refused(response, 'CONFLICT');
      expect(JSON.stringify(response)).not.toMatch(LEAKS);
    }
    const after = ok(await app.graphql(`{ organization(slug: "unchanged") { id slug } }`, {}, { token: user.token }));
    expect(after.organization).toEqual({ id: organization.id, slug: 'unchanged' });
  });
});
