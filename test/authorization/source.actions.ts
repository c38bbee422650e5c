import { ok, TestApp } from '../support/harness';
import { curate, insertItem, uniqueUrl } from '../support/sources';
import { World } from '../support/world';
import { ALL_MEMBERS, MANAGERS, MatrixAction, othersOf, outcomes } from './matrix';

const HOST_MEMBERS = ['OWNER', 'COORDINATOR', 'EDITOR', 'CONTRIBUTOR', 'OBSERVER'] as const;
const SHARERS = ['OWNER', 'COORDINATOR', 'EDITOR', 'CONTRIBUTOR'] as const;
const CURATORS = ['OWNER', 'COORDINATOR', 'EDITOR', 'CONTRIBUTOR', 'PARTNER_MEMBER'] as const;
const DIGEST_EDITORS = ['OWNER', 'COORDINATOR', 'EDITOR', 'PARTNER_MEMBER'] as const;
const PERIOD = { periodStart: '2025-11-17T00:00:00Z', periodEnd: '2025-11-24T00:00:00Z' };

/**
 * A source of the host organization, registered by its admin, shared into the workspace unless
 * told otherwise. Its feed is on 127.0.0.1, which this app refuses at once: a refresh is quick.
 */
async function hostSource(app: TestApp, world: World, shared = true): Promise<string> {
  const url = uniqueUrl();
  const created = ok(
    await app.graphql(
      `mutation($input: CreateWatchSourceInput!) { createWatchSource(input: $input) { id } }`,
      { input: { organizationId: world.host.id, url, feedUrl: 'http://127.0.0.1:9/feed', kind: 'WEBSITE' } },
      { token: world.hostAdmin.token },
    ),
  ).createWatchSource.id;
  if (shared) {
    ok(
      await app.graphql(
        `mutation($input: ShareWatchSourceInput!) { shareWatchSource(input: $input) { id } }`,
        { input: { sourceId: created, workspaceId: world.workspace.id } },
        { token: world.hostAdmin.token },
      ),
    );
  }
  return created;
}

/** An item of a shared source, dated inside PERIOD. */
async function sharedItem(app: TestApp, world: World): Promise<string> {
  return insertItem(app, await hostSource(app, world), new Date('2025-11-20T12:00:00Z'));
}

/** A draft digest, ready to publish: a bilingual introduction and a featured item in its period. */
async function readyDigest(app: TestApp, world: World): Promise<string> {
  ok(await curate(app, world.hostAdmin, world.workspace, await sharedItem(app, world), { status: 'FEATURED' }));
  return ok(
    await app.graphql(
      `mutation($input: CreateDigestInput!) { createDigest(input: $input) { id } }`,
      { input: { workspaceId: world.workspace.id, ...PERIOD, introduction: { fr: 'Bonjour', en: 'Hello' } } },
      { token: world.hostAdmin.token },
    ),
  ).createDigest.id;
}

/** The watch-source actions of the access policy (issue 4). */
export const sourceActions: MatrixAction[] = [
  {
    name: 'createWatchSource (an organization-level right: any member of the organization)',
    run: (app, world, token) =>
      app.graphql(
        `mutation($input: CreateWatchSourceInput!) { createWatchSource(input: $input) { id } }`,
        { input: { organizationId: world.host.id, url: uniqueUrl(), kind: 'WEBSITE' } },
        { token },
      ),
    expect: outcomes(HOST_MEMBERS, ['PARTNER_MEMBER', 'OUTSIDER']),
  },
  {
    name: 'importOpml',
    run: (app, world, token) =>
      app.graphql(
        `mutation($input: ImportOpmlInput!) { importOpml(input: $input) { imported } }`,
        { input: { organizationId: world.host.id, opml: `<opml version="2.0"><body><outline type="rss" xmlUrl="${uniqueUrl()}/feed"/></body></opml>` } },
        { token },
      ),
    expect: outcomes(HOST_MEMBERS, ['PARTNER_MEMBER', 'OUTSIDER']),
  },
  {
    name: 'shareWatchSource (acting for the owning organization)',
    setup: (app, world) => hostSource(app, world, false),
    run: (app, world, token, sourceId) =>
      app.graphql(
        `mutation($input: ShareWatchSourceInput!) { shareWatchSource(input: $input) { id } }`,
        { input: { sourceId, workspaceId: world.workspace.id, note: 'À suivre' } },
        { token },
      ),
    // The partner cannot know an unshared host source exists.
    expect: outcomes(SHARERS, ['OBSERVER']),
  },
  {
    name: 'unshareWatchSource',
    setup: hostSource,
    run: (app, world, token, sourceId) =>
      app.graphql(`mutation($input: UnshareWatchSourceInput!) { unshareWatchSource(input: $input) }`, { input: { sourceId, workspaceId: world.workspace.id } }, { token }),
    expect: outcomes(SHARERS, ['OBSERVER', 'PARTNER_MEMBER']),
  },
  {
    name: 'refreshWatchSource (members of the owning organization)',
    setup: hostSource,
    run: (app, _world, token, sourceId) =>
      app.graphql(`mutation($input: RefreshWatchSourceInput!) { refreshWatchSource(input: $input) { lastFetchOutcome } }`, { input: { sourceId } }, { token }),
    expect: outcomes(HOST_MEMBERS, ['PARTNER_MEMBER']),
  },
  {
    name: 'watchSource(id) of a shared source',
    setup: hostSource,
    run: (app, _world, token, id) => app.graphql(`query($id: ID!) { watchSource(id: $id) { id shares { note } } }`, { id }, { token }),
    expect: outcomes(ALL_MEMBERS),
  },
  {
    name: 'watchSources(workspaceId)',
    run: (app, world, token) => app.graphql(`query($id: ID) { watchSources(workspaceId: $id) { totalCount } }`, { id: world.workspace.id }, { token }),
    expect: outcomes(ALL_MEMBERS),
  },
  {
    name: 'exportOpml(workspaceId)',
    run: (app, world, token) => app.graphql(`query($id: ID) { exportOpml(workspaceId: $id) }`, { id: world.workspace.id }, { token }),
    expect: outcomes(ALL_MEMBERS),
  },
  {
    name: 'watchItems',
    run: (app, world, token) => app.graphql(`query($id: ID!) { watchItems(workspaceId: $id) { totalCount } }`, { id: world.workspace.id }, { token }),
    expect: outcomes(ALL_MEMBERS),
  },
  {
    name: 'curateWatchItem',
    setup: sharedItem,
    run: (app, world, token, itemId) =>
      app.graphql(
        `mutation($input: CurateWatchItemInput!) { curateWatchItem(input: $input) { status } }`,
        { input: { workspaceId: world.workspace.id, itemId, status: 'SHORTLISTED' } },
        { token },
      ),
    expect: outcomes(CURATORS, othersOf(CURATORS)),
  },
  {
    name: 'createDigest',
    run: (app, world, token) =>
      app.graphql(`mutation($input: CreateDigestInput!) { createDigest(input: $input) { id } }`, { input: { workspaceId: world.workspace.id, ...PERIOD } }, { token }),
    expect: outcomes(DIGEST_EDITORS, othersOf(DIGEST_EDITORS)),
  },
  {
    name: 'digest(id)',
    setup: readyDigest,
    run: (app, _world, token, id) => app.graphql(`query($id: ID!) { digest(id: $id) { id entries { title } } }`, { id }, { token }),
    expect: outcomes(ALL_MEMBERS),
  },
  {
    name: 'publishDigest',
    setup: readyDigest,
    run: (app, _world, token, digestId) => app.graphql(`mutation($input: PublishDigestInput!) { publishDigest(input: $input) { status } }`, { input: { digestId } }, { token }),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  },
];
