import { addComment, createArticle, currentRevisionId, saveRevision } from './support/articles';
import { createEvent } from './support/coverage';
import { createOrganization, registerUser, TestUser } from './support/factories';
import { describeApp, GraphQLResponse, ok, refused, TestApp } from './support/harness';
import { countQueries } from './support/queries';

/** People of every organization of a page, each page at 100: 1 + 100 × (2 + 1 + 100 × 3) = 30,301. */
const PEOPLE_OF_EVERY_ORGANIZATION = `{ organizations(first: 100) { edges { node { members(first: 100) { edges { node { user { id } } } } } } } }`;
const PEOPLE_COST = 30_301;

/** A page of 30 slugs, with what it cost: rateLimit 1 + organizations 1 + 30 × (edges + node) = 62. */
const SLUGS = `{ rateLimit { cost limit remaining resetAt } organizations(first: 30) { edges { node { slug } } } }`;
const SLUGS_COST = 62;

/** The objects in a response's data, as its cost counts them (lists item by item, leaves nothing). */
function objectsIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + objectsIn(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Object.values(value).reduce((sum: number, item) => sum + objectsIn(item), 0);
}

/** An anonymous GraphQL POST from `address`: the budget of anonymous callers is their address's. */
async function postFrom(app: TestApp, address: string, query: string) {
  const response = await app.app.getHttpAdapter().getInstance().inject({
    method: 'POST',
    url: '/graphql',
    remoteAddress: address,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ query }),
  });
  return JSON.parse(response.body);
}

describeApp('query cost limits', ({ app }) => {
  let user: TestUser;
  beforeAll(async () => {
    user = await registerUser(app);
  });

  it('refuses 3,000 aliases of one list before anything runs: no SQL, QUERY_TOO_COMPLEX with the count and the limit', async () => {
    const aliases = Array.from({ length: 3000 }, (_, index) => `a${index}: organizations(first: 100) { totalCount }`).join(' ');
    let response: GraphQLResponse | undefined;
    const statements = await countQueries(app, async () => {
      response = await app.graphql(`{ ${aliases} }`);
    });
    expect(statements).toBe(0);
    const error = refused(response!, 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toMatchObject({ aliases: 3000, limit: 50 });
    expect(response!.data).toBeNull();
    // The server is still there for everyone else.
    expect((await app.get('/health')).statusCode).toBe(200);
    ok(await app.graphql(`{ me { id } }`, {}, { token: user.token }));
  });

  it('multiplies what a connection selects by its page size, nested pages by each other', async () => {
    let response: GraphQLResponse | undefined;
    const statements = await countQueries(app, async () => {
      response = await app.graphql(PEOPLE_OF_EVERY_ORGANIZATION, {}, { token: user.token });
    });
    expect(statements).toBe(0);
    expect(refused(response!, 'QUERY_TOO_COMPLEX').extensions).toMatchObject({ cost: PEOPLE_COST, limit: 10_000 });
  });

  it('multiplies what a lookup by ids selects by the number of ids', async () => {
    const ids = Array.from({ length: 40 }, () => '00000000-0000-4000-8000-000000000000');
    const lookup = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Article { leadOrganization { id } } } rateLimit { cost } }`;
    expect(ok(await app.graphql(lookup, { ids }, { token: user.token })).rateLimit.cost).toBe(1 + 40 * 1 + 1);
  });

  it('counts named and inline fragments, and page sizes given as variables, as if written out', async () => {
    const named = `query($page: Int) { organizations(first: $page) { ...Page } }
      fragment Page on OrganizationConnection { edges { node { ...People } } }
      fragment People on Organization { members(first: 100) { edges { node { user { id } } } } }`;
    const inline = `{ organizations(first: 100) { edges { node { ... on Organization { members(first: 100) { edges { ... { node { user { id } } } } } } } } } }`;
    for (const response of [await app.graphql(named, { page: 100 }, { token: user.token }), await app.graphql(inline, {}, { token: user.token })]) {
      expect(refused(response, 'QUERY_TOO_COMPLEX').extensions.cost).toBe(PEOPLE_COST);
    }
    // A fragment spread twice counts twice, its aliases too.
    const twice = `{ organizations(first: 100) { ...A ...A } } fragment A on OrganizationConnection { edges { node { members(first: 100) { edges { node { user { id } } } } } } }`;
    expect(refused(await app.graphql(twice, {}, { token: user.token }), 'QUERY_TOO_COMPLEX').extensions.cost).toBe(1 + 100 * 2 * 303);
    const names = `fragment Names on User { ${Array.from({ length: 26 }, (_, index) => `n${index}: displayName`).join(' ')} }`;
    ok(await app.graphql(`{ me { ...Names } } ${names}`, {}, { token: user.token }));
    expect(refused(await app.graphql(`{ me { ...Names } me2: me { ...Names } } ${names}`, {}, { token: user.token }), 'QUERY_TOO_COMPLEX').extensions).toEqual(
      expect.objectContaining({ aliases: 53, limit: 50 }),
    );
    // Without `first`, a page is the default 20.
    const defaultPage = await app.graphql(`query($page: Int) { rateLimit { cost } organizations(first: $page) { ...Page } } fragment Page on OrganizationConnection { edges { node { slug } } }`, {}, { token: user.token });
    expect(ok(defaultPage).rateLimit.cost).toBe(1 + 1 + 20 * 2);
  });

  it('counts a plain list (not a connection) as a page whose size is not asked for, 20, nested under a page too', async () => {
    const memberships = `{ rateLimit { cost } me { memberships { organization { slug } } } }`;
    // rateLimit 1 + me 1 + memberships 1 + 20 × organization.
    expect(ok(await app.graphql(memberships, {}, { token: user.token })).rateLimit.cost).toBe(1 + 1 + 1 + 20 * 1);
    // The organizations of the authors of the comments of 100 articles: 1 + 100 × (2 + 1 + 20 × (1 + 1 + 20 × 1)).
    const comments = `query($w: ID!) { articles(workspaceId: $w, first: 100) { edges { node { comments { author { memberships { organization { id } } } } } } } }`;
    let response: GraphQLResponse | undefined;
    const statements = await countQueries(app, async () => {
      response = await app.graphql(comments, { w: '00000000-0000-4000-8000-000000000000' }, { token: user.token });
    });
    expect(statements).toBe(0);
    expect(refused(response!, 'QUERY_TOO_COMPLEX').extensions).toMatchObject({ cost: 1 + 100 * (2 + 1 + 20 * (1 + 1 + 20 * 1)), limit: 10_000 });
  });

  it('counts the objects introspection returns: its types and fields are accepted, four times the fields of their fields refused', async () => {
    const schema = ok(
      await app.graphql(`{ rateLimit { cost } __schema { types { name fields { name args { name type { name ofType { name } } } type { name ofType { name } } } } } }`),
    );
    expect(schema.rateLimit.cost).toBe(1 + objectsIn(schema.__schema));
    // The fields of the type of every field of every type: thousands of objects, each time.
    const nested = `__schema { types { fields { type { ofType { fields { name } } } } } }`;
    let response: GraphQLResponse | undefined;
    const statements = await countQueries(app, async () => {
      response = await app.graphql(`{ a: ${nested} b: ${nested} c: ${nested} d: ${nested} }`);
    });
    expect(statements).toBe(0);
    expect(refused(response!, 'QUERY_TOO_COMPLEX').extensions.cost).toBeGreaterThan(10_000);
  });

  it("tells the cost of an accepted query and what is left of the caller's hour", async () => {
    const first = ok(await app.graphql(SLUGS, {}, { token: user.token })).rateLimit;
    const second = ok(await app.graphql(SLUGS, {}, { token: user.token })).rateLimit;
    expect(first).toEqual({ cost: SLUGS_COST, limit: 1_000_000, remaining: expect.any(Number), resetAt: expect.any(String) });
    expect(second.remaining).toBe(first.remaining - SLUGS_COST);
    expect(second.resetAt).toBe(first.resetAt);
    const resetIn = Date.parse(first.resetAt) - Date.now();
    expect(resetIn).toBeGreaterThan(0);
    expect(resetIn).toBeLessThanOrEqual(3600_000);
  });
});

describeApp('the plain lists a query reads', { world: true, env: { GRAPHQL_MAX_COST: '100' } }, ({ app, world }) => {
  const editor = () => world.people.EDITOR;
  /** An article of the workspace with `count` comments: one through the API, the rest as a long thread would have left them. */
  async function articleWithComments(count: number): Promise<string> {
    const id = await createArticle(app, editor(), world.workspace.id, world.host.id);
    ok(await saveRevision(app, editor(), id, 'fr', null));
    const revisionId = await currentRevisionId(app, editor(), id);
    ok(await addComment(app, editor(), { articleId: id, revisionId, quote: 'texte', body: 'Premier' }));
    await app.dataSource.query(
      `INSERT INTO comment (article_id, revision_id, quote, body, author_id, organization_id, created_at)
       SELECT $1, $2, 'texte', 'Réponse ' || n, $3, $4, now() + make_interval(secs => n) FROM generate_series(1, $5) n`,
      [id, revisionId, editor().id, world.host.id, count - 1],
    );
    return id;
  }
  const comments = (aliases: string[]) => `{ ${aliases.map((alias) => `${alias.split(':')[0]}: article(id: "${alias.split(':')[1]}") { comments { id } }`).join(' ')} }`;

  it('returns a thread within GRAPHQL_MAX_COST whole', async () => {
    const id = await articleWithComments(60);
    expect(ok(await app.graphql(comments([`a:${id}`]), {}, { token: editor().token })).a.comments).toHaveLength(60);
  });

  it('refuses a list longer than GRAPHQL_MAX_COST when it is read, though its static cost (a page of 20) is within it: QUERY_TOO_COMPLEX, and no more read than the limit', async () => {
    const id = await articleWithComments(150);
    let response: GraphQLResponse | undefined;
    // The thread is read with a LIMIT of one past what is left: never its 150 rows.
    const limited = await countQueries(app, async () => void (response = await app.graphql(comments([`a:${id}`]), {}, { token: editor().token })), (sql) => /FROM "comment"/.test(sql) && /LIMIT 101\b/.test(sql));
    expect(limited).toBe(1);
    const refusal = refused(response!, 'QUERY_TOO_COMPLEX');
    expect({ path: refusal.path, limit: refusal.extensions.limit, past: Number(refusal.extensions.cost) > 100 }).toEqual({ path: ['a', 'comments'], limit: 100, past: true });
    expect(refusal.message).toBe('The lists of the query hold more than 100 objects; ask for fewer at once');
  });

  it.each([
    [
      'an event’s sessions',
      async () => {
        const id = await createEvent(app, world.people.COORDINATOR, world.workspace.id);
        await app.dataSource.query(
          `INSERT INTO event_session (event_id, title_fr, title_en, starts_at, ends_at)
           SELECT $1, 'Atelier ' || n, 'Workshop ' || n, '2026-12-01T13:00:00Z'::timestamptz + make_interval(mins => n), '2026-12-01T14:00:00Z'::timestamptz + make_interval(mins => n) FROM generate_series(1, 150) n`,
          [id],
        );
        return { query: `{ a: event(id: "${id}") { sessions { id } } }`, path: ['a', 'sessions'], table: 'event_session' };
      },
    ],
    [
      'an article’s revisions of one language',
      async () => {
        const id = await createArticle(app, editor(), world.workspace.id, world.host.id);
        await app.dataSource.query(
          `INSERT INTO article_revision (article_id, language, number, title, summary, body, author_id, organization_id)
           SELECT $1, 'fr', n, 'Version ' || n, '', '<p>Texte</p>', $2, $3 FROM generate_series(1, 150) n`,
          [id, editor().id, world.host.id],
        );
        return { query: `{ a: article(id: "${id}") { revisions(language: fr) { number } } }`, path: ['a', 'revisions'], table: 'article_revision' };
      },
    ],
  ])('reads %s within the same limit: one row past it, then QUERY_TOO_COMPLEX', async (_list, seeded) => {
    const { query, path, table } = await seeded();
    let response: GraphQLResponse | undefined;
    const limited = await countQueries(app, async () => void (response = await app.graphql(query, {}, { token: editor().token })), (sql) => sql.includes(`FROM "${table}"`) && /LIMIT 101\b/.test(sql));
    expect({ limited, path: refused(response!, 'QUERY_TOO_COMPLEX').path }).toEqual({ limited: 1, path });
  });

  it('reads the threads of a page of articles, built by PostgreSQL, with a LIMIT of one row past the limit each, and refuses the long one', async () => {
    await articleWithComments(150);
    const page = `query($ws: ID!) { articles(workspaceId: $ws, first: 5) { edges { node { id comments { id } } } } }`;
    let response: GraphQLResponse | undefined;
    const limited = await countQueries(
      app,
      async () => void (response = await app.graphql(page, { ws: world.workspace.id }, { token: editor().token })),
      (sql) => /json_agg/.test(sql) && /FROM \(SELECT \* FROM "comment" \S+ WHERE .* LIMIT \$\d+\)/s.test(sql),
    );
    expect({ limited, codes: [...new Set(response?.errors?.map((error) => error.extensions.code))] }).toEqual({ limited: 1, codes: ['QUERY_TOO_COMPLEX'] });
  });

  it('refuses, of lists read in one batch, the long one and those after it, and returns those before it whole', async () => {
    const [short, long, after] = [await articleWithComments(30), await articleWithComments(150), await articleWithComments(10)];
    // The long thread written the day before: a batch cut in the order of writing would hold none of the short one's.
    await app.dataSource.query(`UPDATE comment SET created_at = created_at - interval '1 day' WHERE article_id = $1`, [long]);
    const response = await app.graphql(comments([`a:${short}`, `b:${long}`, `c:${after}`]), {}, { token: editor().token });
    // The threads asked after the long one are in its batch, and refused, when their articles are read together (one batch of
    // articles); read apart, they are a batch of their own, and whole. Never is a thread returned in part.
    const thread = (alias: string) => (response.data?.[alias] ? response.data[alias].comments.length : 'refused');
    const errors = (response.errors ?? []).map((error) => ({ path: error.path, code: error.extensions.code }));
    expect({ a: thread('a'), b: thread('b'), c: [10, 'refused'].includes(thread('c')), first: errors[0] }).toEqual({
      a: 30,
      b: 'refused',
      c: true,
      first: { path: ['b', 'comments'], code: 'QUERY_TOO_COMPLEX' },
    });
  });

  it('counts what each object of a plain list selects too: 40 comments with their author are 80 objects; 60 are refused', async () => {
    const thread = `query($id: ID!) { article(id: $id) { comments { author { id } } } }`;
    // Static cost: article 1 + comments 1 + 20 × author 1 = 22, within 100; the 60 comments alone would be too.
    const within = ok(await app.graphql(thread, { id: await articleWithComments(40) }, { token: editor().token }));
    expect(objectsIn(within)).toBe(2 + 40 * 2);
    const past = await app.graphql(thread, { id: await articleWithComments(60) }, { token: editor().token });
    expect(refused(past, 'QUERY_TOO_COMPLEX').extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: 120, limit: 100 });
  });

  it('counts a list each time an alias returns it: two aliases of a thread of 60 are 120 objects, and the one resolved second is refused', async () => {
    const id = await articleWithComments(60);
    const response = await app.graphql(comments([`a:${id}`, `b:${id}`]), {}, { token: editor().token });
    // Which alias resolves first is the executor's: the other is refused.
    const [refusedAlias] = refused(response, 'QUERY_TOO_COMPLEX').path ?? [];
    const servedAlias = refusedAlias === 'a' ? 'b' : 'a';
    expect({ refused: response.data?.[refusedAlias], served: response.data?.[servedAlias]?.comments.length }).toEqual({ refused: null, served: 60 });
  });
});

describeApp('the hourly query budget', { env: { GRAPHQL_HOURLY_BUDGET: '100' } }, ({ app }) => {
  it('answers RATE_LIMITED with retryAfterSeconds once a user has spent it, before anything runs, whatever the token', async () => {
    const spender = await registerUser(app);
    const other = await registerUser(app);
    expect(ok(await app.graphql(SLUGS, {}, { token: spender.token })).rateLimit).toMatchObject({ cost: SLUGS_COST, remaining: 100 - SLUGS_COST });

    let response: GraphQLResponse | undefined;
    const statements = await countQueries(app, async () => {
      response = await app.graphql(SLUGS, {}, { token: spender.token });
    });
    expect(statements).toBe(0);
    const error = refused(response!, 'RATE_LIMITED');
    expect(error.extensions.retryAfterSeconds).toBeGreaterThan(3500);
    expect(error.extensions.retryAfterSeconds).toBeLessThanOrEqual(3600);

    // A new session of the same person spends the same budget.
    const login = ok(await app.graphql(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, {
      input: { email: spender.email, password: 'correct horse battery staple' },
    }));
    refused(await app.graphql(SLUGS, {}, { token: login.login.accessToken }), 'RATE_LIMITED');
    // Someone else's budget is their own.
    expect(ok(await app.graphql(SLUGS, {}, { token: other.token })).rateLimit.remaining).toBe(100 - SLUGS_COST);
  });

  it('budgets anonymous callers per client address', async () => {
    const rateLimit = `{ rateLimit { cost remaining } }`;
    for (let spent = 1; spent <= 100; spent++) expect((await postFrom(app, '203.0.113.7', rateLimit)).data.rateLimit).toEqual({ cost: 1, remaining: 100 - spent });
    expect((await postFrom(app, '203.0.113.7', rateLimit)).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['RATE_LIMITED']);
    expect((await postFrom(app, '203.0.113.8', rateLimit)).data.rateLimit).toEqual({ cost: 1, remaining: 99 });
  });

  it('budgets an IPv6 caller by its /64: a host there picks any address it likes', async () => {
    const rateLimit = `{ rateLimit { cost remaining } }`;
    for (let spent = 1; spent <= 100; spent++) expect((await postFrom(app, `2001:db8:1:2::${spent.toString(16)}`, rateLimit)).data.rateLimit).toEqual({ cost: 1, remaining: 100 - spent });
    expect((await postFrom(app, '2001:db8:1:2:ffff::1', rateLimit)).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['RATE_LIMITED']);
    expect((await postFrom(app, '2001:db8:1:3::1', rateLimit)).data.rateLimit).toEqual({ cost: 1, remaining: 99 });
  });

  it("gives an API token a budget of its own, wherever its requests come from, not its client address's", async () => {
    const admin = await registerUser(app);
    const organization = await createOrganization(app, admin);
    const token = ok(
      await app.graphql(
        `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
        { input: { organizationId: organization.id, name: 'Tableau de bord', scopes: ['SOURCES_READ'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() } },
        { token: admin.token },
      ),
    ).createApiToken.token as string;
    // 1 + 40 × 2 = 81: one fits in the budget of 100, a second does not, from another address either.
    const sources = `query($organizationId: ID!) { watchSources(organizationId: $organizationId, first: 40) { edges { node { id } } } }`;
    const codesFrom = async (remoteAddress: string) => {
      const response = await app.app.getHttpAdapter().getInstance().inject({
        method: 'POST',
        url: '/graphql',
        remoteAddress,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        payload: JSON.stringify({ query: sources, variables: { organizationId: organization.id } }),
      });
      return ((JSON.parse(response.body) as GraphQLResponse).errors ?? []).map((error) => error.extensions.code);
    };
    const remaining = async () => ok(await app.graphql(`{ rateLimit { remaining } }`, {}, { token: admin.token })).rateLimit.remaining as number;
    const before = await remaining();
    expect([await codesFrom('198.51.100.1'), await codesFrom('198.51.100.2'), await codesFrom('198.51.100.3')]).toEqual([[], ['RATE_LIMITED'], ['RATE_LIMITED']]);
    // Its creator's own budget is untouched: only the look at it is spent.
    expect(await remaining()).toBe(before - 1);
  });
});

describeApp('the operation a request runs', ({ app }) => {
  let user: TestUser;
  beforeAll(async () => {
    user = await registerUser(app);
  });
  const post = async (body: Record<string, unknown>, url = '/graphql'): Promise<GraphQLResponse> => {
    const response = await app.app.getHttpAdapter().getInstance().inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      payload: JSON.stringify(body),
    });
    return JSON.parse(response.body);
  };

  it('is measured whatever operationName the query string carries: a POST runs the one its body names', async () => {
    let response: GraphQLResponse | undefined;
    const statements = await countQueries(app, async () => {
      response = await post({ query: PEOPLE_OF_EVERY_ORGANIZATION, operationName: null }, '/graphql?operationName=Elsewhere');
    });
    expect(statements).toBe(0);
    expect(refused(response!, 'QUERY_TOO_COMPLEX').extensions.cost).toBe(PEOPLE_COST);
  });

  it('must be one of the query: an empty or unknown operationName is refused, the first run as the compiled ones', async () => {
    for (const operationName of ['', 'Elsewhere']) {
      for (let run = 0; run < 3; run++) {
        const response = await post({ query: `query People ${PEOPLE_OF_EVERY_ORGANIZATION}`, operationName });
        expect(response.data).toBeNull();
        expect(response.errors?.map((error) => error.extensions.code)).toEqual([expect.stringMatching(/^(BAD_USER_INPUT|QUERY_TOO_COMPLEX)$/)]);
      }
    }
    const unnamed = await post({ query: `query A { me { id } } query B { rateLimit { cost } }` });
    expect(refused(unnamed, 'BAD_USER_INPUT').extensions.fields).toEqual([{ field: 'operationName', message: expect.stringContaining('several') }]);
  });

  it('is the one named in a query of several, once its text is compiled too, and the one measured', async () => {
    const query = `query People($n: Int) { organizations(first: $n) { edges { node { members(first: $n) { edges { node { user { id } } } } } } } }
      query Cost { rateLimit { cost } }`;
    // Run twice: Mercurius compiles a query's text with graphql-jit at its second run.
    for (let run = 0; run < 2; run++) ok(await post({ query, operationName: 'People', variables: { n: 1 } }));
    const cost = await post({ query, operationName: 'Cost', variables: { n: 100 } });
    expect(ok(cost)).toEqual({ rateLimit: { cost: 1 } });
    expect(refused(await post({ query, operationName: 'People', variables: { n: 100 } }), 'QUERY_TOO_COMPLEX').extensions.cost).toBe(PEOPLE_COST);
  });

  it('of a GET must be told too: BAD_USER_INPUT naming operationName, never an internal error', async () => {
    const get = async (query: string, operationName?: string) => {
      const search = new URLSearchParams({ query, ...(operationName === undefined ? {} : { operationName }) });
      const response = await app.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: `/graphql?${search}` });
      return JSON.parse(response.body) as GraphQLResponse;
    };
    for (const response of [await get('{ __typename }', 'Elsewhere'), await get('query A { __typename } query B { __typename }')]) {
      expect(refused(response, 'BAD_USER_INPUT').extensions.fields).toEqual([{ field: 'operationName', message: expect.any(String) }]);
    }
    expect(ok(await get('query A { __typename } query B { __typename }', 'B'))).toEqual({ __typename: 'Query' });
  });
});
