import { createArticle } from './support/articles';
import { entries, FeedServer, rss2 } from './support/feeds';
import { createOrganization } from './support/factories';
import { describeApp, GraphQLResponse, ok, refused, TestApp } from './support/harness';
import { createSource, refreshSource, shareSource } from './support/sources';

/**
 * Relay connections page both ways: `first`/`after` forward, `last`/`before` backward, each a keyset
 * range in SQL, with `pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`.
 */
const PAGE_VARIABLES = '$first: Int, $after: String, $last: Int, $before: String';
const PAGE_ARGUMENTS = 'first: $first, after: $after, last: $last, before: $before';
const CONNECTION = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

/** One list of the API: how to ask for a page of it, as whom, and where the connection is in the answer. */
interface ListUnderTest {
  query: string;
  variables: Record<string, unknown>;
  token?: string;
  connection: (data: any) => Page;
}

type PageArguments = { first?: number; after?: string; last?: number; before?: string };

async function pageOf(app: TestApp, list: ListUnderTest, page: PageArguments): Promise<Page> {
  return list.connection(ok(await app.graphql(list.query, { ...list.variables, ...page }, { token: list.token })));
}

/**
 * Every node id of the list in the list's order, walking it `size` at a time forward (first/after,
 * from its start) or backward (last/before, from its end); checks each page's pageInfo on the way.
 */
async function walk(app: TestApp, list: ListUnderTest, size: number, backward: boolean): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await pageOf(app, list, backward ? { last: size, before: cursor } : { first: size, after: cursor });
    expect(page.pageInfo.startCursor).toBe(page.edges.at(0)?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    // The side a page was not read toward is not computed: reported false, as Relay allows.
    expect(backward ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage).toBe(false);
    const pageIds = page.edges.map((edge) => edge.node.id);
    if (backward) ids.unshift(...pageIds);
    else ids.push(...pageIds);
    if (!(backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage)) return ids;
    expect(page.edges).toHaveLength(size);
    cursor = (backward ? page.pageInfo.startCursor : page.pageInfo.endCursor)!;
  }
}

/** Walks the whole list both ways, at page sizes that do and do not divide it, and checks both ends. */
async function checkBothWays(app: TestApp, list: ListUnderTest, expectedCount: number) {
  const all = await pageOf(app, list, { first: 100 });
  expect(all.totalCount).toBe(expectedCount);
  expect(all.edges).toHaveLength(expectedCount);
  const ids = all.edges.map((edge) => edge.node.id);
  for (const size of [1, 2, 3]) {
    expect(await walk(app, list, size, false)).toEqual(ids);
    expect(await walk(app, list, size, true)).toEqual(ids);
  }

  // The last page asked backward is the end of the list, in the list's order.
  const tail = await pageOf(app, list, { last: 2 });
  expect(tail.edges.map((edge) => edge.node.id)).toEqual(ids.slice(-2));
  expect(tail.totalCount).toBe(expectedCount);
  expect(tail.pageInfo).toMatchObject({ hasPreviousPage: expectedCount > 2, hasNextPage: false });
  // Before the second node there is only the first: no previous page.
  const second = all.edges[1].cursor;
  const head = await pageOf(app, list, { last: 5, before: second });
  expect(head.edges.map((edge) => edge.node.id)).toEqual(ids.slice(0, 1));
  expect(head.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: false });
  // The cursors of a backward page are the same as forward: a page forward from one continues the list.
  const resumed = await pageOf(app, list, { first: 2, after: tail.pageInfo.startCursor! });
  expect(resumed.edges.map((edge) => edge.node.id)).toEqual(ids.slice(-1));
  expect(resumed.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  // Before the first node: nothing.
  const none = await pageOf(app, list, { last: 3, before: all.edges[0].cursor });
  expect(none).toMatchObject({ edges: [], totalCount: expectedCount, pageInfo: { hasPreviousPage: false, startCursor: null, endCursor: null } });
  const empty = await pageOf(app, list, { last: 0 });
  expect(empty).toMatchObject({ edges: [], pageInfo: { hasPreviousPage: false, hasNextPage: false, startCursor: null } });
}

let server: FeedServer;
beforeAll(async () => (server = await FeedServer.start()));
afterAll(() => server.stop());

describeApp('Relay connections, forward and backward', { world: true, env: () => ({ FETCH_ALLOW_HOSTS: server.host }) }, ({ app, world }) => {
  const articles = (token?: string): ListUnderTest => ({
    // Authors and revisions selected: the page is the SQL projection of the articles (src/common/projection).
    query: `query($ws: ID!, ${PAGE_VARIABLES}) { articles(workspaceId: $ws, ${PAGE_ARGUMENTS}) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id status authors { role user { id } } fr: currentRevision(language: fr) { number } } } } }`,
    variables: { ws: world.workspace.id },
    token,
    connection: (data) => data.articles,
  });

  let articleIds: string[];
  beforeAll(async () => {
    articleIds = [];
    for (let i = 0; i < 7; i++) {
      articleIds.push(await createArticle(app, world.hostAdmin, world.workspace.id, world.host.id, i === 3 ? 'ORGANIZATION' : 'WORKSPACE'));
    }
  });

  it('pages the articles of a workspace both ways, through their SQL projection', async () => {
    await checkBothWays(app, articles(world.hostAdmin.token), 7);
    const newestFirst = [...articleIds].reverse();
    expect((await pageOf(app, articles(world.hostAdmin.token), { last: 3 })).edges.map((edge) => edge.node.id)).toEqual(newestFirst.slice(-3));
  });

  it('pages backward only through what the caller may see (an internal article is not in a partner’s list)', async () => {
    const list = articles(world.people.PARTNER_MEMBER.token);
    await checkBothWays(app, list, 6);
    const ids = (await pageOf(app, list, { last: 10 })).edges.map((edge) => edge.node.id);
    expect(ids).not.toContain(articleIds[3]);
  });

  it('pages the watch items of a workspace both ways (newest first)', async () => {
    server.routes.set('/relay.xml', { body: rss2('Relay', entries('relay', 5)) });
    const source = await createSource(app, world.hostAdmin, world.host, { url: server.url('/relay.xml'), kind: 'RSS' });
    await shareSource(app, world.hostAdmin, source.id, world.workspace);
    ok(await refreshSource(app, world.hostAdmin, source.id));
    await checkBothWays(
      app,
      {
        query: `query($ws: ID!, ${PAGE_VARIABLES}) { watchItems(workspaceId: $ws, ${PAGE_ARGUMENTS}) { ${CONNECTION} } }`,
        variables: { ws: world.workspace.id },
        token: world.people.OBSERVER.token,
        connection: (data) => data.watchItems,
      },
      5,
    );
  });

  it('pages the organization directory both ways (by slug)', async () => {
    const word = `relaysearch${Date.now().toString(36)}`;
    for (let i = 0; i < 4; i++) await createOrganization(app, world.hostAdmin, { name: { fr: `Bureau ${word} ${i}`, en: `Office ${word} ${i}` } });
    await checkBothWays(
      app,
      {
        query: `query($search: String, ${PAGE_VARIABLES}) { organizations(search: $search, ${PAGE_ARGUMENTS}) { ${CONNECTION} } }`,
        variables: { search: word },
        token: world.people.OUTSIDER.token,
        connection: (data) => data.organizations,
      },
      4,
    );
  });

  it('pages the members of a workspace both ways (oldest first)', async () => {
    const list: ListUnderTest = {
      query: `query($id: ID!, ${PAGE_VARIABLES}) { workspace(id: $id) { members(${PAGE_ARGUMENTS}) { ${CONNECTION} } } }`,
      variables: { id: world.workspace.id },
      token: world.people.OBSERVER.token,
      connection: (data) => data.workspace.members,
    };
    const count = (await pageOf(app, list, { first: 100 })).totalCount;
    expect(count).toBeGreaterThanOrEqual(6);
    await checkBothWays(app, list, count);
  });

  it('pages the partners of a workspace both ways', async () => {
    const list: ListUnderTest = {
      query: `query($id: ID!, ${PAGE_VARIABLES}) { workspace(id: $id) { partners(${PAGE_ARGUMENTS}) { ${CONNECTION} } } }`,
      variables: { id: world.workspace.id },
      token: world.people.OBSERVER.token,
      connection: (data) => data.workspace.partners,
    };
    await checkBothWays(app, list, 2);
  });

  describe('refusals', () => {
    const query = (list: ListUnderTest, page: Record<string, unknown>): Promise<GraphQLResponse> =>
      app.graphql(list.query, { ...list.variables, ...page }, { token: list.token });
    const fieldsOf = (response: GraphQLResponse) => refused(response, 'BAD_USER_INPUT').extensions.fields.map((field: any) => field.field);

    it('refuses `first` with `last`, and any mix of forward and backward arguments (BAD_USER_INPUT)', async () => {
      const list = articles(world.hostAdmin.token);
      const page = await pageOf(app, list, { first: 2 });
      const cursor = page.pageInfo.endCursor!;
      expect(fieldsOf(await query(list, { first: 2, last: 2 }))).toEqual(['last']);
      expect(fieldsOf(await query(list, { after: cursor, last: 2 }))).toEqual(['last']);
      expect(fieldsOf(await query(list, { first: 2, before: cursor }))).toEqual(['before']);
      expect(fieldsOf(await query(list, { after: cursor, before: cursor }))).toEqual(['before']);
    });

    it('refuses a forged `before` cursor and a `last` over 100 (BAD_USER_INPUT)', async () => {
      const list = articles(world.hostAdmin.token);
      expect(fieldsOf(await query(list, { last: 2, before: 'not-a-cursor' }))).toEqual(['before']);
      const forged = Buffer.from(JSON.stringify(['not a date', 'not a uuid'])).toString('base64url');
      expect(fieldsOf(await query(list, { before: forged }))).toEqual(['before']);
      expect(fieldsOf(await query(list, { last: 101 }))).toEqual(['last']);
      expect(fieldsOf(await query(list, { last: -1 }))).toEqual(['last']);
    });

    it('counts `last` in the cost of a query as it counts `first`', async () => {
      const costOf = async (page: string) =>
        ok(await app.graphql(`{ organizations(${page}) { edges { node { id } } } rateLimit { cost } }`, {}, { token: world.people.OUTSIDER.token }))
          .rateLimit.cost;
      expect(await costOf('last: 50')).toBe(await costOf('first: 50'));
      expect(await costOf('last: 50')).toBeGreaterThan(await costOf('last: 5'));
    });
  });
});
