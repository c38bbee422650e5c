import { createArticle } from './support/articles';
import { describeApp, ok, refused } from './support/harness';
import { countQueries } from './support/queries';
import { createWorkspace } from './support/world';

/**
 * What a request costs in SQL: authentication and the session check once, whatever the number of
 * root fields and aliases; an articles page in two statements (the session, then the page with the
 * caller's access checked inside it), whatever its size; and the access rules of the list unchanged.
 */
const sessionChecks = (sql: string) => sql.includes('"auth_session"');

const PAGE = `query($ws: ID!, $first: Int, $after: String, $status: ArticleStatus) {
  articles(workspaceId: $ws, first: $first, after: $after, status: $status) { edges { node { id status authors { role user { displayName } } } } }
}`;

describeApp('request cost', { world: true }, ({ app, world }) => {
  it('checks the session once per request, however many root fields and aliases ask', async () => {
    const token = world.hostAdmin.token;
    const once = await countQueries(app, async () => ok(await app.graphql('{ me { id } }', {}, { token })), sessionChecks);
    const aliased = await countQueries(
      app,
      async () => expect(ok(await app.graphql('{ a: me { id } b: me { id } c: me { id } }', {}, { token }))).toEqual({ a: { id: world.hostAdmin.id }, b: { id: world.hostAdmin.id }, c: { id: world.hostAdmin.id } }),
      sessionChecks,
    );
    const lists = await countQueries(
      app,
      async () => ok(await app.graphql(`query($ws: ID!) { a: articles(workspaceId: $ws, first: 1) { edges { cursor } } b: articles(workspaceId: $ws, first: 2) { edges { cursor } } me { id } }`, { ws: world.workspace.id }, { token })),
      sessionChecks,
    );
    expect([once, aliased, lists]).toEqual([1, 1, 1]);
  });

  it('reads an articles page in two statements, for 2 articles as for 6, with access checked inside the page', async () => {
    const workspace = await createWorkspace(app, world.hostAdmin, world.host);
    const owner = world.hostAdmin;
    const counted = async (first: number) => {
      let size = 0;
      const statements = await countQueries(app, async () => (size = ok(await app.graphql(PAGE, { ws: workspace.id, first }, { token: owner.token })).articles.edges.length));
      return { size, statements };
    };
    for (let i = 0; i < 6; i++) await createArticle(app, owner, workspace.id, world.host.id);
    expect([await counted(2), await counted(6)]).toEqual([
      { size: 2, statements: 2 },
      { size: 6, statements: 2 },
    ]);
  });

  it('still refuses whoever may not read the workspace, though the page is read with the access check inside it', async () => {
    await createArticle(app, world.hostAdmin, world.workspace.id, world.host.id);
    const page = (token: string | undefined, variables: Record<string, unknown> = {}) => app.graphql(PAGE, { ws: world.workspace.id, first: 5, ...variables }, { token });
    refused(await page(world.people.OUTSIDER.token), 'NOT_FOUND');
    // The refusal comes before the caller's own mistakes, as when access was checked before the page.
    refused(await page(world.people.OUTSIDER.token, { after: 'not-a-cursor' }), 'NOT_FOUND');
    refused(await page(undefined), 'UNAUTHENTICATED');
    refused(await page(world.people.OBSERVER.token, { after: 'not-a-cursor' }), 'BAD_USER_INPUT');
    // An empty page of a workspace one may read is an empty page, not a refusal.
    expect(ok(await page(world.people.OBSERVER.token, { status: 'ARCHIVED' })).articles.edges).toEqual([]);
    expect(ok(await page(world.people.PARTNER_MEMBER.token, { first: 0 })).articles.edges).toEqual([]);
    expect(ok(await page(world.people.PARTNER_MEMBER.token)).articles.edges.length).toBeGreaterThan(0);
  });
});
