import { ACCESS_SQL } from '../src/workspaces/workspace-access.store';
import { createArticle } from './support/articles';
import { describeApp, ok, refused } from './support/harness';
import { createOrganization, registerUser } from './support/factories';
import { countQueries } from './support/queries';
import { createWorkspace, newWorkspaceMember } from './support/world';

/**
 * What a request costs in SQL: authentication, the session check and the caller's access to each
 * workspace once, whatever the number of root fields, aliases and nested fields; an articles page in
 * two statements (the session, then the page with the caller's access checked inside it), whatever
 * its size; and the access rules unchanged: what a mutation's root field changes, the next one sees.
 */
const sessionChecks = (sql: string) => sql.includes('"auth_session"');
/** The caller's access looked up on its own, not checked inside a list's statement. */
const accessLookups = (sql: string) => sql.trimStart().startsWith(ACCESS_SQL.trimStart());

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

  it('answers { me { id } } from the session alone, reads the user for anything more, and refuses an ended session', async () => {
    const user = await registerUser(app);
    const userReads = (sql: string) => sql.includes('FROM "user"');
    const me = (query: string) => countQueries(app, async () => expect(ok(await app.graphql(query, {}, { token: user.token })).me.id).toBe(user.id), userReads);
    expect(await me('{ me { id } }')).toBe(0);
    expect(await me('{ me { __typename ...on User { id } } }')).toBe(0);
    expect(await me('{ me { id displayName } }')).toBe(1);
    ok(await app.graphql(`mutation($input: RefreshSessionInput!) { logout(input: $input) }`, { input: { refreshToken: user.refreshToken } }, { token: user.token }));
    refused(await app.graphql('{ me { id } }', {}, { token: user.token }), 'UNAUTHENTICATED');
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

  it("looks up the caller's access to a workspace once per query, however many root fields, aliases and nested fields ask", async () => {
    const editor = world.people.EDITOR;
    let data: Record<string, any> = {};
    const lookups = await countQueries(
      app,
      async () =>
        (data = ok(
          await app.graphql(
            `query($ws: ID!) {
              a: workspace(id: $ws) { id myRole myOrganizationId members(first: 1) { totalCount } partners(first: 1) { totalCount } }
              b: workspace(id: $ws) { myRole }
              c: events(workspaceId: $ws, first: 1) { edges { cursor } }
              d: articles(workspaceId: $ws, first: 1) { edges { cursor } }
            }`,
            { ws: world.workspace.id },
            { token: editor.token },
          ),
        )),
      accessLookups,
    );
    expect(data.a).toMatchObject({ id: world.workspace.id, myRole: 'EDITOR', myOrganizationId: world.host.id });
    expect(data.b).toEqual({ myRole: 'EDITOR' });
    expect(lookups).toBe(1);
  });

  it("looks up the caller's access to a page of workspaces in one statement, for 2 workspaces as for 4", async () => {
    const owner = await registerUser(app);
    const organization = await createOrganization(app, owner);
    const counted = async () => {
      let roles: string[] = [];
      const lookups = await countQueries(
        app,
        async () => (roles = ok(await app.graphql('{ workspaces(first: 20) { edges { node { myRole myOrganizationId } } } }', {}, { token: owner.token })).workspaces.edges.map((edge: any) => edge.node.myRole)),
        accessLookups,
      );
      return { roles, lookups };
    };
    const newWorkspaces = (count: number) => Promise.all(Array.from({ length: count }, () => createWorkspace(app, owner, organization)));
    await newWorkspaces(2);
    const two = await counted();
    await newWorkspaces(2);
    expect([two, await counted()]).toEqual([
      { roles: ['OWNER', 'OWNER'], lookups: 1 },
      { roles: ['OWNER', 'OWNER', 'OWNER', 'OWNER'], lookups: 1 },
    ]);
  });

  it("sees, in a mutation's next root field, the access its previous root field took away", async () => {
    const workspace = await createWorkspace(app, world.hostAdmin, world.host);
    const editor = await newWorkspaceMember(app, { workspace, hostAdmin: world.hostAdmin }, world.host, world.hostAdmin, 'EDITOR');
    const response = await app.graphql(
      `mutation($ws: ID!, $me: ID!, $host: ID!) {
        removeWorkspaceMember(input: { workspaceId: $ws, userId: $me })
        x: createArticle(input: { workspaceId: $ws, leadOrganizationId: $host }) { id }
      }`,
      { ws: workspace.id, me: editor.id, host: world.host.id },
      { token: editor.token },
    );
    expect(response.errors?.map((error) => [error.path, error.extensions.code])).toEqual([[['x'], 'NOT_FOUND']]);
    refused(await app.graphql('query($ws: ID!) { workspace(id: $ws) { id } }', { ws: workspace.id }, { token: editor.token }), 'NOT_FOUND');
  });

  it('sees in each query the membership changes of the requests before it', async () => {
    const workspace = await createWorkspace(app, world.hostAdmin, world.host);
    const member = await newWorkspaceMember(app, { workspace, hostAdmin: world.hostAdmin }, world.host, world.hostAdmin, 'EDITOR');
    const roleOf = () => app.graphql('query($ws: ID!) { workspace(id: $ws) { myRole } }', { ws: workspace.id }, { token: member.token });
    const asManager = async (mutation: string) => ok(await app.graphql(mutation, { ws: workspace.id, member: member.id }, { token: world.hostAdmin.token }));
    expect(ok(await roleOf()).workspace.myRole).toBe('EDITOR');
    await asManager('mutation($ws: ID!, $member: ID!) { changeWorkspaceRole(input: { workspaceId: $ws, userId: $member, role: OBSERVER }) { role } }');
    expect(ok(await roleOf()).workspace.myRole).toBe('OBSERVER');
    await asManager('mutation($ws: ID!, $member: ID!) { removeWorkspaceMember(input: { workspaceId: $ws, userId: $member }) }');
    refused(await roleOf(), 'NOT_FOUND');
  });
});
