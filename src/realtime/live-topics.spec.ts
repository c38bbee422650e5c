import { Visibility, WorkspaceRole } from '../workspaces';
import { accepts, articleOf, articleWhoseAudienceChanges, calendarEventOf, changesAccess, deliveryVerdict, mayDeliver, routingKeys, StreamFacts, topicKey } from './live-topics';

const event = (facts: Partial<StreamFacts>): StreamFacts => ({
  kind: 'article.revision_saved',
  resourceType: 'article',
  resourceId: 'a1',
  workspaceId: 'w1',
  recipientId: null,
  payload: {},
  ...facts,
});
const access = { workspaceId: 'w1', userId: 'u1', organizationId: 'host', role: WorkspaceRole.OBSERVER };
const internal = { workspaceId: 'w1', visibility: Visibility.ORGANIZATION, owningOrganizationId: 'host', alsoVisibleTo: ['author'] };

describe('live topics: which subscription an event is for', () => {
  it('finds the article of article and comment events, and the event of event, session and coverage events', () => {
    expect(articleOf(event({}))).toBe('a1');
    expect(articleOf(event({ resourceType: 'comment', resourceId: 'c1', payload: { articleId: 'a1' } }))).toBe('a1');
    expect(articleOf(event({ resourceType: 'coverage', payload: { articleId: 'a1' } }))).toBeNull();
    expect(calendarEventOf(event({ resourceType: 'event', resourceId: 'e1' }))).toBe('e1');
    expect(calendarEventOf(event({ resourceType: 'event_session', payload: { eventId: 'e1' } }))).toBe('e1');
    expect(calendarEventOf(event({ resourceType: 'coverage', payload: { eventId: 'e1' } }))).toBe('e1');
    expect(calendarEventOf(event({}))).toBeNull();
  });

  it('routes an event to the keys of the topics that may want it', () => {
    const comment = event({ resourceType: 'comment', payload: { articleId: 'a1' } });
    expect(routingKeys(comment)).toEqual([topicKey({ type: 'article', articleId: 'a1' }), topicKey({ type: 'workspace', workspaceId: 'w1', kinds: [] })]);
    expect(routingKeys(event({ kind: 'notification.created', resourceType: 'notification', recipientId: 'u1' }))).toContain(topicKey({ type: 'recipient', userId: 'u1' }));
  });

  it('keeps personal events to their recipient, and a workspace feed to its kinds', () => {
    const notice = event({ kind: 'notification.created', resourceType: 'notification', recipientId: 'u1' });
    expect(accepts({ type: 'workspace', workspaceId: 'w1', kinds: [] }, notice)).toBe(false);
    expect(accepts({ type: 'recipient', userId: 'u1' }, notice)).toBe(true);
    expect(accepts({ type: 'recipient', userId: 'u2' }, notice)).toBe(false);
    expect(accepts({ type: 'recipient', userId: 'u1' }, event({ kind: 'session.ended', resourceType: 'session', recipientId: 'u1' }))).toBe(false);
    expect(accepts({ type: 'workspace', workspaceId: 'w1', kinds: ['watch_item.curated'] }, event({}))).toBe(false);
    expect(accepts({ type: 'workspace', workspaceId: 'w1', kinds: ['article.revision_saved'] }, event({}))).toBe(true);
    expect(accepts({ type: 'workspace', workspaceId: 'w2', kinds: [] }, event({}))).toBe(false);
  });

  it('names the events that change access or an article’s audience', () => {
    expect(changesAccess({ kind: 'workspace.member.removed' })).toBe(true);
    expect(changesAccess({ kind: 'workspace.partner.left' })).toBe(true);
    expect(changesAccess({ kind: 'organization.member.removed' })).toBe(true);
    expect(changesAccess({ kind: 'article.visibility_changed' })).toBe(false);
    expect(articleWhoseAudienceChanges(event({ kind: 'article.visibility_changed' }))).toBe('a1');
    expect(articleWhoseAudienceChanges(event({ kind: 'article.author.added' }))).toBe('a1');
    expect(articleWhoseAudienceChanges(event({}))).toBeNull();
  });
});

describe('live topics: who receives an event', () => {
  it('delivers a workspace’s event only to who has access to it now', () => {
    expect(mayDeliver({ workspaceId: 'w1' }, access, undefined)).toBe(true);
    expect(mayDeliver({ workspaceId: 'w1' }, null, undefined)).toBe(false);
    expect(mayDeliver({ workspaceId: null }, null, undefined)).toBe(true);
  });

  it('delivers an internal article’s event only to its organization and named authors', () => {
    expect(mayDeliver({ workspaceId: 'w1' }, access, internal)).toBe(true);
    expect(mayDeliver({ workspaceId: 'w1' }, { ...access, organizationId: 'partner' }, internal)).toBe(false);
    expect(mayDeliver({ workspaceId: 'w1' }, { ...access, organizationId: 'partner', userId: 'author' }, internal)).toBe(true);
    expect(mayDeliver({ workspaceId: 'w1' }, access, null)).toBe(false);
  });

  it('ends a feed whose subject is out of sight, and only skips an internal article in a workspace feed', () => {
    const partner = { ...access, organizationId: 'partner' };
    expect(deliveryVerdict({ type: 'workspace', workspaceId: 'w1', kinds: [] }, { workspaceId: 'w1' }, partner, internal)).toBe('skip');
    expect(deliveryVerdict({ type: 'workspace', workspaceId: 'w1', kinds: [] }, { workspaceId: 'w1' }, null, undefined)).toBe('lost');
    expect(deliveryVerdict({ type: 'article', articleId: 'a1' }, { workspaceId: 'w1' }, partner, internal)).toBe('lost');
    expect(deliveryVerdict({ type: 'event', eventId: 'e1' }, { workspaceId: 'w1' }, null, undefined)).toBe('lost');
    expect(deliveryVerdict({ type: 'recipient', userId: 'u1' }, { workspaceId: 'w1' }, null, undefined)).toBe('skip');
    expect(deliveryVerdict({ type: 'recipient', userId: 'u1' }, { workspaceId: null }, null, undefined)).toBe('deliver');
  });
});
