import { addOrganizationMember, createOrganization, registerUser, TestOrganization, TestUser } from './support/factories';
import { describeApp, ok, refused, TestApp } from './support/harness';
import { createSource } from './support/sources';
import { createWorkspace } from './support/world';

const TOKEN_FIELDS = 'id organizationId createdById name scopes expiresAt revokedAt lastUsedAt createdAt token';
const CREATE = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { ${TOKEN_FIELDS} } }`;
const REVOKE = `mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { id revokedAt token } }`;
const LIST = `query($organizationId: ID!) { apiTokens(organizationId: $organizationId, first: 20) { edges { node { ${TOKEN_FIELDS} } } } }`;
const WATCH_SOURCES = `query($organizationId: ID, $workspaceId: ID) { watchSources(organizationId: $organizationId, workspaceId: $workspaceId, first: 10) { edges { node { id url organization { id } } } } }`;
const CREATE_SOURCE = `mutation($input: CreateWatchSourceInput!) { createWatchSource(input: $input) { id } }`;
const EXPORT = `query($organizationId: ID) { exportOpml(organizationId: $organizationId) }`;
const IMPORT = `mutation($input: ImportOpmlInput!) { importOpml(input: $input) { imported refused } }`;
const OPML = `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
  <outline type="rss" text="Blogue" xmlUrl="https://blogue-api-token.example.ca/feed.xml"/></body></opml>`;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function createToken(app: TestApp, by: TestUser, organization: TestOrganization, scopes: string[], overrides: Record<string, unknown> = {}) {
  return app.graphql(CREATE, { input: { organizationId: organization.id, name: 'Tableau de bord', scopes, expiresAt: inDays(30), ...overrides } }, { token: by.token });
}

async function newToken(app: TestApp, by: TestUser, organization: TestOrganization, scopes: string[]) {
  return ok(await createToken(app, by, organization, scopes)).createApiToken as { id: string; token: string };
}

describeApp('API tokens', ({ app }) => {
  let admin: TestUser;
  let member: TestUser;
  let organization: TestOrganization;
  let other: TestOrganization;
  let sourceId: string;
  beforeAll(async () => {
    admin = await registerUser(app);
    member = await registerUser(app);
    organization = await createOrganization(app, admin);
    other = await createOrganization(app, admin);
    await addOrganizationMember(app, admin, organization, member);
    sourceId = (await createSource(app, admin, organization, { url: 'https://veille-api-token.example.ca/feed.xml' })).id;
  });
  const asToken = (token: string) => ({ token });

  it('are created by an admin only, and their secret is shown once', async () => {
    refused(await createToken(app, member, organization, ['SOURCES_READ']), 'FORBIDDEN');
    refused(await createToken(app, await registerUser(app), organization, ['SOURCES_READ']), 'FORBIDDEN');
    refused(await createToken(app, admin, organization, ['SOURCES_READ'], { expiresAt: inDays(-1) }), 'BAD_USER_INPUT');
    refused(await createToken(app, admin, organization, ['SOURCES_READ'], { expiresAt: inDays(400) }), 'BAD_USER_INPUT');
    refused(await createToken(app, admin, organization, []), 'BAD_USER_INPUT');

    const created = ok(await createToken(app, admin, organization, ['SOURCES_READ', 'SOURCES_READ'])).createApiToken;
    expect(created).toMatchObject({ organizationId: organization.id, createdById: admin.id, scopes: ['SOURCES_READ'], revokedAt: null, lastUsedAt: null });
    expect(created.token).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);

    const listed = ok(await app.graphql(LIST, { organizationId: organization.id }, { token: admin.token })).apiTokens.edges.map((edge: any) => edge.node);
    expect(listed.find((token: any) => token.id === created.id)).toMatchObject({ id: created.id, token: null, name: 'Tableau de bord' });
    expect(JSON.stringify(listed)).not.toContain(created.token.slice(4));
    // Only its hash is stored.
    expect(JSON.stringify(await app.dataSource.query('SELECT * FROM api_token'))).not.toContain(created.token.slice(4));
    refused(await app.graphql(LIST, { organizationId: organization.id }, { token: member.token }), 'FORBIDDEN');
  });

  it('act for their organization within their scopes, and record their last use', async () => {
    const token = await newToken(app, admin, organization, ['SOURCES_READ']);
    const sources = ok(await app.graphql(WATCH_SOURCES, { organizationId: organization.id }, asToken(token.token))).watchSources.edges;
    expect(sources.map((edge: any) => edge.node)).toEqual([{ id: sourceId, url: 'https://veille-api-token.example.ca/feed.xml', organization: { id: organization.id } }]);
    expect(ok(await app.graphql(EXPORT, { organizationId: organization.id }, asToken(token.token))).exportOpml).toContain('veille-api-token.example.ca');

    const listed = ok(await app.graphql(LIST, { organizationId: organization.id }, { token: admin.token })).apiTokens.edges.map((edge: any) => edge.node);
    const used = listed.find((node: any) => node.id === token.id);
    expect(new Date(used.lastUsedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const importer = await newToken(app, admin, organization, ['SOURCES_IMPORT_OPML']);
    expect(ok(await app.graphql(IMPORT, { input: { organizationId: organization.id, opml: OPML } }, asToken(importer.token))).importOpml).toEqual({ imported: 1, refused: 0 });
  });

  it('are refused past their scope: another scope, another organization, any operation not open to tokens', async () => {
    const token = await newToken(app, admin, organization, ['SOURCES_READ']);
    const use = (query: string, variables: Record<string, unknown>) => app.graphql(query, variables, asToken(token.token));
    expect(refused(await use(IMPORT, { input: { organizationId: organization.id, opml: OPML } }), 'FORBIDDEN').message).toContain('sources:import_opml');
    // The creator is an admin of the other organization too, but the token acts for its own only.
    refused(await use(WATCH_SOURCES, { organizationId: other.id }), 'FORBIDDEN');
    const workspace = await createWorkspace(app, admin, organization);
    refused(await use(WATCH_SOURCES, { workspaceId: workspace.id }), 'FORBIDDEN');
    refused(await use('{ me { id } }', {}), 'FORBIDDEN');
    refused(await use(CREATE, { input: { organizationId: organization.id, name: 'x', scopes: ['SOURCES_READ'], expiresAt: inDays(1) } }), 'FORBIDDEN');
    refused(await use(CREATE_SOURCE, { input: { organizationId: organization.id, url: 'https://x.example.ca/', kind: 'RSS' } }), 'FORBIDDEN');
    refused(await app.graphql('{ me { id } }', {}, asToken(`tdm_${'x'.repeat(43)}`)), 'UNAUTHENTICATED');
    // Nor past what its operation returns: its creator's view of members, join requests and shares.
    ok(await app.graphql(CREATE_SOURCE, { input: { organizationId: organization.id, url: 'https://nested.example.ca/feed.xml', kind: 'RSS' } }, { token: admin.token }));
    const nested = await use(
      `query($organizationId: ID) { watchSources(organizationId: $organizationId, first: 10) { edges { node { id organization { joinRequests(first: 5) { totalCount } } } } } }`,
      { organizationId: organization.id },
    );
    expect(nested.errors?.map((error) => error.extensions.code)).toContain('FORBIDDEN');
    expect(JSON.stringify(nested.data)).not.toContain('totalCount');
  });

  it('stop working once revoked, which only an admin of the organization may do', async () => {
    const token = await newToken(app, admin, organization, ['SOURCES_READ']);
    const use = () => app.graphql(WATCH_SOURCES, { organizationId: organization.id }, asToken(token.token));
    ok(await use());
    refused(await app.graphql(REVOKE, { input: { apiTokenId: token.id } }, { token: member.token }), 'NOT_FOUND');
    ok(await use());
    const revoked = ok(await app.graphql(REVOKE, { input: { apiTokenId: token.id } }, { token: admin.token })).revokeApiToken;
    expect(revoked).toMatchObject({ id: token.id, token: null });
    expect(revoked.revokedAt).not.toBeNull();
    refused(await use(), 'UNAUTHENTICATED');
  });

  it('stop working once expired', async () => {
    const token = await newToken(app, admin, organization, ['SOURCES_READ']);
    const use = () => app.graphql(WATCH_SOURCES, { organizationId: organization.id }, asToken(token.token));
    ok(await use());
    // Time moves on: the expiry is now past.
    await app.dataSource.query(`UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [token.id]);
    refused(await use(), 'UNAUTHENTICATED');
  });

  it('stop working when their creator is no longer an admin', async () => {
    const secondAdmin = await registerUser(app);
    await addOrganizationMember(app, admin, organization, secondAdmin, 'ADMIN');
    const token = await newToken(app, secondAdmin, organization, ['SOURCES_READ']);
    const use = () => app.graphql(WATCH_SOURCES, { organizationId: organization.id }, asToken(token.token));
    ok(await use());
    const demote = `mutation($input: ChangeOrganizationRoleInput!) { changeOrganizationRole(input: $input) { role } }`;
    ok(await app.graphql(demote, { input: { organizationId: organization.id, userId: secondAdmin.id, role: 'MEMBER' } }, { token: admin.token }));
    refused(await use(), 'UNAUTHENTICATED');
    ok(await app.graphql(demote, { input: { organizationId: organization.id, userId: secondAdmin.id, role: 'ADMIN' } }, { token: admin.token }));
    ok(await use());
  });
});
