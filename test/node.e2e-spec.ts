import { createArticle } from './support/articles';
import { createEvent } from './support/coverage';
import { TestUser } from './support/factories';
import { describeApp, ok, refused } from './support/harness';
import { createSource, shareSource, uniqueUrl } from './support/sources';
import { createWorkspace } from './support/world';

/**
 * Relay's object identification: `node(id)` and `nodes(ids)` answer any Node by its id (the same
 * UUID the other queries and the mutations take), through its module's visibility rules.
 */
const NODE = `query($id: ID!) { node(id: $id) { __typename id
  ... on Article { visibility } ... on Workspace { slug } ... on Organization { slug } ... on Event { title { fr } }
  ... on WatchSource { url } ... on Digest { status } } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;

describeApp('Node: node(id) and nodes(ids)', { world: true }, ({ app, world }) => {
  const nodeAs = (user: TestUser | undefined, id: string) => app.graphql(NODE, { id }, { token: user?.token });
  const ids: Record<string, string> = {};
  let internalArticle: string;

  beforeAll(async () => {
    ids.Article = await createArticle(app, world.hostAdmin, world.workspace.id, world.host.id);
    internalArticle = await createArticle(app, world.hostAdmin, world.workspace.id, world.host.id, 'ORGANIZATION');
    ids.Event = await createEvent(app, world.hostAdmin, world.workspace.id);
    ids.Workspace = world.workspace.id;
    ids.Organization = world.host.id;
    const source = await createSource(app, world.hostAdmin, world.host, { url: uniqueUrl(), kind: 'WEBSITE' });
    await shareSource(app, world.hostAdmin, source.id, world.workspace);
    ids.WatchSource = source.id;
    ids.Digest = ok(
      await app.graphql(
        `mutation($input: CreateDigestInput!) { createDigest(input: $input) { id } }`,
        { input: { workspaceId: world.workspace.id, periodStart: '2026-11-01T00:00:00Z', periodEnd: '2026-11-08T00:00:00Z' } },
        { token: world.hostAdmin.token },
      ),
    ).createDigest.id;
  });

  const TYPES = ['Article', 'Digest', 'Event', 'Organization', 'WatchSource', 'Workspace'];

  it.each(TYPES)('answers a %s by its id, with its type, to a member of the workspace', async (type) => {
    for (const viewer of [world.hostAdmin, world.people.OBSERVER, world.people.PARTNER_MEMBER]) {
      expect(ok(await nodeAs(viewer, ids[type])).node).toMatchObject({ __typename: type, id: ids[type] });
    }
  });

  it('gives the same object as the type’s own query', async () => {
    const own = ok(await app.graphql(`query($id: ID!) { article(id: $id) { id visibility } }`, { id: ids.Article }, { token: world.hostAdmin.token }));
    expect(ok(await nodeAs(world.hostAdmin, ids.Article)).node).toEqual({ __typename: 'Article', ...own.article });
  });

  it.each(TYPES.filter((type) => type !== 'Organization'))('refuses a %s to an outsider exactly as an unknown id (NOT_FOUND)', async (type) => {
    const unknown = refused(await nodeAs(world.people.OUTSIDER, '00000000-0000-4000-8000-000000000000'), 'NOT_FOUND');
    const hidden = refused(await nodeAs(world.people.OUTSIDER, ids[type]), 'NOT_FOUND');
    expect(hidden.message).toBe(unknown.message);
    expect(hidden.message).not.toContain(type);
  });

  it('shows an organization of the directory to anyone signed in, and nothing to an anonymous caller', async () => {
    expect(ok(await nodeAs(world.people.OUTSIDER, ids.Organization)).node).toMatchObject({ __typename: 'Organization', id: ids.Organization });
    refused(await nodeAs(undefined, ids.Organization), 'UNAUTHENTICATED');
  });

  it('refuses an internal (ORGANIZATION-visible) article to a partner’s member, and shows it to the owning organization', async () => {
    const hidden = refused(await nodeAs(world.people.PARTNER_MEMBER, internalArticle), 'NOT_FOUND');
    expect(hidden.message).toBe(refused(await nodeAs(world.people.PARTNER_MEMBER, 'not-a-uuid'), 'NOT_FOUND').message);
    expect(ok(await nodeAs(world.people.OBSERVER, internalArticle)).node).toMatchObject({ __typename: 'Article', visibility: 'ORGANIZATION' });
  });

  it('refuses a source not shared into any workspace of the caller, and a workspace the caller is not in', async () => {
    const unshared = await createSource(app, world.hostAdmin, world.host, { url: uniqueUrl(), kind: 'WEBSITE' });
    refused(await nodeAs(world.people.PARTNER_MEMBER, unshared.id), 'NOT_FOUND');
    expect(ok(await nodeAs(world.people.OBSERVER, unshared.id)).node).toMatchObject({ __typename: 'WatchSource' });
    const other = await createWorkspace(app, world.hostAdmin, world.host);
    refused(await nodeAs(world.people.OBSERVER, other.id), 'NOT_FOUND');
    expect(ok(await nodeAs(world.hostAdmin, other.id)).node).toMatchObject({ __typename: 'Workspace', slug: other.slug });
  });

  it('answers nodes(ids) in the order asked, with null for what the caller may not see or what does not exist', async () => {
    const asked = [ids.Workspace, internalArticle, ids.Article, '00000000-0000-4000-8000-000000000000', 'nonsense', ids.Event, ids.Digest];
    const forPartner = ok(await app.graphql(NODES, { ids: asked }, { token: world.people.PARTNER_MEMBER.token })).nodes;
    expect(forPartner).toEqual([
      { __typename: 'Workspace', id: ids.Workspace },
      null,
      { __typename: 'Article', id: ids.Article },
      null,
      null,
      { __typename: 'Event', id: ids.Event },
      { __typename: 'Digest', id: ids.Digest },
    ]);
    const forOwner = ok(await app.graphql(NODES, { ids: asked }, { token: world.hostAdmin.token })).nodes;
    expect(forOwner[1]).toEqual({ __typename: 'Article', id: internalArticle });
    const forOutsider = ok(await app.graphql(NODES, { ids: asked }, { token: world.people.OUTSIDER.token })).nodes;
    expect(forOutsider).toEqual([null, null, null, null, null, null, null]);
  });

  it('takes at most 50 ids (BAD_USER_INPUT)', async () => {
    const many = Array.from({ length: 51 }, () => ids.Article);
    refused(await app.graphql(NODES, { ids: many }, { token: world.hostAdmin.token }), 'BAD_USER_INPUT');
  });
});
