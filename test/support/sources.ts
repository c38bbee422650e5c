import { randomUUID } from 'node:crypto';
import { TestOrganization, TestUser } from './factories';
import { ok, TestApp } from './harness';
import { TestWorkspace } from './world';

export const SOURCE_FIELDS = `id url feedUrl kind language topics title organization { id }
  lastFetchedAt lastFetchOutcome nextFetchAt consecutiveFailures lastError refusedReason etag lastModified`;

export async function createSource(
  app: TestApp,
  user: TestUser,
  organization: TestOrganization,
  input: { url: string; feedUrl?: string; kind?: string; language?: string; topics?: string[]; title?: string },
) {
  const data = ok(
    await app.graphql(
      `mutation($input: CreateWatchSourceInput!) { createWatchSource(input: $input) { ${SOURCE_FIELDS} } }`,
      { input: { organizationId: organization.id, kind: 'RSS', ...input } },
      { token: user.token },
    ),
  );
  return data.createWatchSource;
}

export async function shareSource(app: TestApp, user: TestUser, sourceId: string, workspace: TestWorkspace, note?: string) {
  const data = ok(
    await app.graphql(
      `mutation($input: ShareWatchSourceInput!) { shareWatchSource(input: $input) { id note sharedAt sharedBy { id } revokedAt } }`,
      { input: { sourceId, workspaceId: workspace.id, note } },
      { token: user.token },
    ),
  );
  return data.shareWatchSource;
}

export function refreshSource(app: TestApp, user: TestUser, sourceId: string) {
  return app.graphql(
    `mutation($input: RefreshWatchSourceInput!) { refreshWatchSource(input: $input) { ${SOURCE_FIELDS} } }`,
    { input: { sourceId } },
    { token: user.token },
  );
}

export const ITEM_FIELDS = `id guid url title summary content author language publishedAt fetchedAt updatedAt excerpt status
  source { id } curation { status annotation tags curatedBy { id } }`;

export async function listItems(app: TestApp, user: TestUser, workspace: TestWorkspace, filter: Record<string, unknown> = {}, page: { first?: number; after?: string } = {}) {
  const data = ok(
    await app.graphql(
      `query($workspaceId: ID!, $filter: WatchItemFilter, $first: Int, $after: String) {
        watchItems(workspaceId: $workspaceId, filter: $filter, first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { ${ITEM_FIELDS} } } } }`,
      { workspaceId: workspace.id, filter, ...page },
      { token: user.token },
    ),
  );
  return data.watchItems;
}

export function curate(app: TestApp, user: TestUser, workspace: TestWorkspace, itemId: string, input: Record<string, unknown>) {
  return app.graphql(
    `mutation($input: CurateWatchItemInput!) { curateWatchItem(input: $input) { id status annotation tags curatedBy { id } item { id status } } }`,
    { input: { workspaceId: workspace.id, itemId, ...input } },
    { token: user.token },
  );
}

/**
 * An item of `sourceId` as if a fetch had brought it, written straight to the database: for tests
 * of permissions that need an item to exist, not a feed (the fetcher has its own tests).
 */
export async function insertItem(app: TestApp, sourceId: string, publishedAt = new Date()): Promise<string> {
  const id = randomUUID();
  await app.dataSource.query(
    `INSERT INTO watch_item (id, source_id, guid, url, title, published_at, fetched_at, updated_at, content_hash)
     VALUES ($1::uuid, $2, $1::text, 'https://example.ca/' || $1::text, 'Item ' || $1::text, $3, now(), now(), 'x')`,
    [id, sourceId, publishedAt],
  );
  return id;
}

let sequence = 0;
/** A fresh URL on a domain nobody resolves, for sources that will never be fetched. */
export function uniqueUrl(): string {
  return `https://site-${Date.now().toString(36)}-${sequence++}.example.ca/watch`;
}
