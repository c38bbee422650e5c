import { endpointWants, kindsRefusal, retryDelaySeconds, urlRefusal } from './webhook-access';

describe('webhook rules', () => {
  const since = new Date('2026-12-01T10:00:00.000Z');
  const endpoint = { organizationId: 'org', workspaceId: null, events: ['article.published', 'organization.member.joined'], eventsSince: since };
  const inWorkspace = { kind: 'article.published', createdAt: since, workspaceId: 'ws', organizationId: null, recipientId: null };

  it('send an event of a workspace the organization takes part in, of a kind asked for', () => {
    expect(endpointWants(endpoint, inWorkspace, new Set(['org']))).toBe(true);
    expect(endpointWants(endpoint, inWorkspace, new Set(['another']))).toBe(false);
    expect(endpointWants(endpoint, { ...inWorkspace, kind: 'article.archived' }, new Set(['org']))).toBe(false);
  });

  it('send only what happened since the endpoint was created or last enabled', () => {
    expect(endpointWants(endpoint, { ...inWorkspace, createdAt: new Date(since.getTime() - 1) }, new Set(['org']))).toBe(false);
  });

  it("keep an endpoint of one workspace to that workspace's events, its organization's own included", () => {
    expect(endpointWants({ ...endpoint, workspaceId: 'other' }, inWorkspace, new Set(['org']))).toBe(false);
    expect(endpointWants({ ...endpoint, workspaceId: 'ws' }, inWorkspace, new Set(['org']))).toBe(true);
    const joined = { kind: 'organization.member.joined', createdAt: since, workspaceId: null, organizationId: 'org', recipientId: null };
    expect(endpointWants({ ...endpoint, workspaceId: 'ws' }, joined, new Set())).toBe(false);
  });

  it("send an organization's own events only to it, and personal events to no one", () => {
    const joined = { kind: 'organization.member.joined', createdAt: since, workspaceId: null, organizationId: 'org', recipientId: null };
    expect(endpointWants(endpoint, joined, new Set())).toBe(true);
    expect(endpointWants(endpoint, { ...joined, organizationId: 'another' }, new Set())).toBe(false);
    expect(endpointWants(endpoint, { ...inWorkspace, recipientId: 'someone' }, new Set(['org']))).toBe(false);
  });

  it('refuse unknown and personal kinds, and URLs that are not http(s) or carry credentials', () => {
    expect(kindsRefusal(['article.published'])).toBeNull();
    expect(kindsRefusal(['notification.created'])).toMatch(/notification.created/);
    expect(kindsRefusal(['article.nothing'])).toMatch(/article.nothing/);
    expect(urlRefusal('https://hooks.example.ca/tandem')).toBeNull();
    expect(urlRefusal('ftp://hooks.example.ca')).not.toBeNull();
    expect(urlRefusal('https://user:pw@hooks.example.ca')).not.toBeNull();
    expect(urlRefusal('hooks.example.ca')).not.toBeNull();
  });

  it('double the wait between attempts, up to a day', () => {
    expect([1, 2, 3].map((attempt) => retryDelaySeconds(attempt, 30))).toEqual([30, 60, 120]);
    expect(retryDelaySeconds(30, 30)).toBe(86_400);
  });
});
