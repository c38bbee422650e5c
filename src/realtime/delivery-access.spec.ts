import { ActivityEvent } from '../activity';
import { ArticleReadingService } from '../articles';
import { AccessPolicy, Visibility, WorkspaceAccess, WorkspaceResource } from '../workspaces';
import { DeliveryAccess } from './delivery-access';

const TOPIC = { type: 'workspace', workspaceId: 'w1', kinds: [] } as const;

const event = (kind: string, resourceType = 'article', resourceId = 'a1'): ActivityEvent =>
  ({ id: '1', transactionId: '1', kind, resourceType, resourceId, workspaceId: 'w1', recipientId: null, actorId: null, payload: {}, createdAt: new Date() }) as ActivityEvent;

/** A delivery access over a database the test changes: what it says now, and how often it was asked. */
function deliveryAccess() {
  const now = {
    access: { workspaceId: 'w1', userId: 'u1', organizationId: 'partner', role: 'EDITOR' } as WorkspaceAccess | null,
    article: { workspaceId: 'w1', visibility: Visibility.WORKSPACE, owningOrganizationId: 'host', alsoVisibleTo: [] } as WorkspaceResource,
    reads: 0,
  };
  const policy = { accessOf: async () => (now.reads++, now.access) } as unknown as AccessPolicy;
  const articles = { visibilityOf: async () => (now.reads++, now.article) } as unknown as ArticleReadingService;
  return { access: new DeliveryAccess(policy, articles), now };
}

describe('DeliveryAccess', () => {
  it('answers live events from what it remembers until the hub tells of a change', async () => {
    const { access, now } = deliveryAccess();
    expect(await access.verdict(TOPIC, 'u1', event('article.revision_saved'))).toBe('deliver');
    now.article = { ...now.article, visibility: Visibility.ORGANIZATION };
    // The hub has not routed the change yet: the change comes later in the stream than this event.
    expect(await access.verdict(TOPIC, 'u1', event('article.revision_saved'))).toBe('deliver');
    access.observe(event('article.visibility_changed'));
    expect(await access.verdict(TOPIC, 'u1', event('article.revision_saved'))).toBe('skip');
  });

  it("asks afresh for a replay page, whatever the hub remembers: the page may be ahead of the hub", async () => {
    const { access, now } = deliveryAccess();
    expect(await access.verdict(TOPIC, 'u1', event('article.revision_saved'))).toBe('deliver');
    now.article = { ...now.article, visibility: Visibility.ORGANIZATION };
    expect(await access.verdict(TOPIC, 'u1', event('article.revision_saved'), access.forReplayPage())).toBe('skip');
    now.access = null;
    expect(await access.verdict(TOPIC, 'u1', event('article.revision_saved'), access.forReplayPage())).toBe('lost');
  });

  it('remembers answers within a replay page, and forgets them when the hub forgets its own', async () => {
    const { access, now } = deliveryAccess();
    const page = access.forReplayPage();
    await access.verdict(TOPIC, 'u1', event('article.revision_saved'), page);
    await access.verdict(TOPIC, 'u1', event('article.revision_saved'), page);
    expect(now.reads).toBe(2);
    now.access = null;
    access.observe(event('workspace.member.removed', 'workspace_member', 'm1'));
    expect(await access.verdict(TOPIC, 'u1', event('article.revision_saved'), page)).toBe('lost');
    expect(now.reads).toBe(4);
  });
});
