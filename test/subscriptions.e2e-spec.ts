import { JwtService } from '@nestjs/jwt';
import WebSocket from 'ws';
import { CloseCode } from '../src/realtime';
import { addComment, createArticle, currentRevisionId, saveRevision } from './support/articles';
import { addSession, assignCoverage, createEvent, planCoverage } from './support/coverage';
import { eventually } from './support/eventually';
import { TestUser } from './support/factories';
import { describeApp, ok } from './support/harness';
import { LiveClient, LiveSubscription, liveUrl, openSubscriptions, whileTheHubLags } from './support/live';
import { addPartner, addWorkspaceMember, createWorkspace, newWorkspaceMember } from './support/world';

const ACTIVITY = 'activity { id kind resourceType resourceId actor { id } }';
const ARTICLE_CHANGED = `subscription($articleId: ID!, $after: ID) { articleChanged(articleId: $articleId, after: $after) { ${ACTIVITY} article { id visibility } } }`;
const WORKSPACE_ACTIVITY = `subscription($workspaceId: ID!, $kinds: [String!], $after: ID) {
  workspaceActivity(workspaceId: $workspaceId, kinds: $kinds, after: $after) { ${ACTIVITY} article { id } } }`;
const COVERAGE_CHANGED = `subscription($eventId: ID!) { coverageChanged(eventId: $eventId) { ${ACTIVITY} event { id } } }`;
const MY_NOTIFICATIONS = `subscription { myNotifications { ${ACTIVITY} notification { id kind resourceId } } }`;
const VISIBILITY = `mutation($input: ChangeArticleVisibilityInput!) { changeArticleVisibility(input: $input) { visibility } }`;
const REMOVE_MEMBER = `mutation($input: RemoveWorkspaceMemberInput!) { removeWorkspaceMember(input: $input) }`;
const LEAVE = `mutation($input: WorkspaceOrganizationInput!) { leaveWorkspace(input: $input) { status } }`;
const LOGOUT = `mutation($input: RefreshSessionInput!) { logout(input: $input) }`;
const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken } }`;
const CREATE_API_TOKEN = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`;

type Activity = { id: string; kind: string; resourceType: string; resourceId: string; actor: { id: string } | null };

/** The events a subscription received, whatever its field. */
const activities = (subscription: LiveSubscription): Activity[] => subscription.received.map((data) => (Object.values(data)[0] as { activity: Activity }).activity);
const kinds = (subscription: LiveSubscription) => activities(subscription).map((activity) => activity.kind);
const codes = (subscription: LiveSubscription) => subscription.errors.map((error) => error.extensions?.code);
/**
 * The payloads of a subscription but those of `ignored` kinds: a subscription without `after` is
 * live from about when it started, so the creation of what it is about may or may not be among them.
 */
const payloadsBut = (subscription: LiveSubscription, ...ignored: string[]) =>
  subscription.received.filter((data) => !ignored.includes((Object.values(data)[0] as { activity: Activity }).activity.kind)).map((data) => Object.values(data)[0]);

describeApp('live updates: GraphQL subscriptions over WebSocket', { world: true, env: { CONNECTIONS_PER_USER: '3', SUBSCRIPTIONS_PER_CONNECTION: '3', MAX_REQUESTS_IN_FLIGHT: '4' } }, ({ app, world }) => {
  let url: string;
  const clients: LiveClient[] = [];
  const connect = (user?: TestUser | string | null, connectionParams?: Record<string, unknown>) => {
    const client = new LiveClient(url, typeof user === 'string' ? user : user?.token, connectionParams);
    clients.push(client);
    return client;
  };
  const received = (subscription: LiveSubscription, count: number, ...ignored: string[]) =>
    eventually(async () => payloadsBut(subscription, ...ignored).length >= count, `${count} events received`);
  const failed = (subscription: LiveSubscription) => eventually(async () => subscription.errors.length > 0, 'refused');

  beforeAll(async () => {
    url = await liveUrl(app);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await eventually(async () => openSubscriptions(app) === 0, 'every subscription closed');
  });

  describe('connecting', () => {
    it('closes a connection without a valid access token with 4401', async () => {
      expect((await connect(null).closed()).code).toBe(CloseCode.unauthorized);
      expect((await connect('not-a-token').closed()).code).toBe(CloseCode.unauthorized);
      expect((await connect(null, { authorization: 'Basic dXNlcjpwYXNz' }).closed()).code).toBe(CloseCode.unauthorized);
    });

    it('drops a socket that never sends connection_init', async () => {
      const socket = new WebSocket(url, 'graphql-transport-ws');
      const closed = new Promise<number>((resolve) => socket.once('close', resolve));
      await new Promise((opened) => socket.once('open', opened));
      expect(await closed).toBeGreaterThanOrEqual(1000);
    });

    it('refuses API tokens with 4403: a token is scoped to operations, a stream is none', async () => {
      const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString();
      const { token } = ok(
        await app.graphql(CREATE_API_TOKEN, { input: { organizationId: world.host.id, name: 'Tableau', scopes: ['SOURCES_READ'], expiresAt: inAMonth } }, { token: world.hostAdmin.token }),
      ).createApiToken;
      expect((await connect(token).closed()).code).toBe(CloseCode.forbidden);
    });

    it('holds each person to CONNECTIONS_PER_USER connections (4429) and each connection to SUBSCRIPTIONS_PER_CONNECTION subscriptions', async () => {
      const person = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'OBSERVER');
      const held = [connect(person), connect(person), connect(person)];
      for (const client of held) await client.subscribe(app, MY_NOTIFICATIONS);
      expect((await connect(person).closed()).code).toBe(CloseCode.tooManyConnections);

      const [first] = held;
      await first.subscribe(app, WORKSPACE_ACTIVITY, { workspaceId: world.workspace.id });
      await first.subscribe(app, WORKSPACE_ACTIVITY, { workspaceId: world.workspace.id });
      const fourth = first.start(WORKSPACE_ACTIVITY, { workspaceId: world.workspace.id });
      await failed(fourth);
      expect(codes(fourth)).toEqual(['PRECONDITION_FAILED']);
    });

    it('holds simultaneous connection_inits of one person to CONNECTIONS_PER_USER (3 here): exactly 3 accepted, the others closed with 4429', async () => {
      const person = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'OBSERVER');
      // Opened at once: their sessions are checked concurrently, each init waiting on the database.
      const all = Array.from({ length: 6 }, () => connect(person));
      const accepted = await Promise.all(all.map((client) => client.settled()));
      expect(accepted.filter(Boolean)).toHaveLength(3);
      const refused = all.filter((_, index) => !accepted[index]);
      expect(await Promise.all(refused.map((client) => client.closed()))).toEqual(Array(3).fill({ code: CloseCode.tooManyConnections, reason: 'Too many live connections' }));
      // The accepted ones are live connections: each holds a subscription.
      for (const client of all.filter((_, index) => accepted[index])) await client.subscribe(app, MY_NOTIFICATIONS);
      expect(openSubscriptions(app)).toBe(3);
    });

    it('does not count live connections as requests in flight (MAX_REQUESTS_IN_FLIGHT is 4 here)', async () => {
      const people = [world.people.OWNER, world.people.COORDINATOR, world.people.EDITOR, world.people.CONTRIBUTOR, world.people.OBSERVER];
      for (const person of people) await connect(person).subscribe(app, MY_NOTIFICATIONS);
      expect(ok(await app.graphql('{ me { id } }', {}, { token: world.people.OBSERVER.token })).me).toEqual({ id: world.people.OBSERVER.id });
    });
  });

  describe('the subscriptions', () => {
    it('articleChanged: revisions and comments, with the article resolved for the subscriber', async () => {
      const articleId = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id);
      const subscription = await connect(world.people.OBSERVER).subscribe(app, ARTICLE_CHANGED, { articleId });
      ok(await saveRevision(app, world.people.EDITOR, articleId, 'fr', null));
      const revisionId = await currentRevisionId(app, world.people.EDITOR, articleId);
      ok(await addComment(app, world.people.EDITOR, { articleId, revisionId, quote: 'Un texte commun.', body: 'Formulation à revoir' }));
      await received(subscription, 2, 'article.created');
      const changes = payloadsBut(subscription, 'article.created');
      expect(changes.map((change) => change.activity.kind)).toEqual(['article.revision_saved', 'article.comment_added']);
      expect(changes.map((change) => change.activity.actor?.id)).toEqual([world.people.EDITOR.id, world.people.EDITOR.id]);
      expect(changes.map((change) => change.article)).toEqual([
        { id: articleId, visibility: 'WORKSPACE' },
        { id: articleId, visibility: 'WORKSPACE' },
      ]);
    });

    it('articleChanged refuses, as NOT_FOUND, an article the subscriber may not see', async () => {
      const internal = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id, 'ORGANIZATION');
      const outsider = connect(world.people.OUTSIDER).start(ARTICLE_CHANGED, { articleId: internal });
      const partner = connect(world.people.PARTNER_MEMBER).start(ARTICLE_CHANGED, { articleId: internal });
      await failed(outsider);
      await failed(partner);
      expect([...codes(outsider), ...codes(partner)]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    });

    it("workspaceActivity of some kinds; what turns ORGANIZATION-visible never reaches a partner's member", async () => {
      const editor = world.people.EDITOR;
      const internal = await createArticle(app, editor, world.workspace.id, world.host.id, 'ORGANIZATION');
      const turning = await createArticle(app, editor, world.workspace.id, world.host.id);
      const last = await createArticle(app, editor, world.workspace.id, world.host.id);
      const variables = { workspaceId: world.workspace.id, kinds: ['article.revision_saved', 'article.visibility_changed'] };
      const partner = await connect(world.people.PARTNER_MEMBER).subscribe(app, WORKSPACE_ACTIVITY, variables);
      const host = await connect(world.people.OBSERVER).subscribe(app, WORKSPACE_ACTIVITY, variables);

      ok(await saveRevision(app, editor, internal, 'fr', null));
      ok(await saveRevision(app, editor, turning, 'fr', null));
      // Delivery is authorized when it happens: a change delivered after the article turned internal would not reach the partner either.
      await eventually(async () => activities(partner).some((activity) => activity.resourceId === turning), 'the change of the still shared article received');
      ok(await app.graphql(VISIBILITY, { input: { articleId: turning, visibility: 'ORGANIZATION' } }, { token: editor.token }));
      ok(await saveRevision(app, editor, turning, 'en', null));
      ok(await saveRevision(app, editor, last, 'fr', null));

      await received(host, 5);
      expect(activities(host).map((activity) => [activity.kind, activity.resourceId])).toEqual([
        ['article.revision_saved', internal],
        ['article.revision_saved', turning],
        ['article.visibility_changed', turning],
        ['article.revision_saved', turning],
        ['article.revision_saved', last],
      ]);
      // In stream order: once the last change arrived, whatever came before it did or never will.
      await eventually(async () => activities(partner).some((activity) => activity.resourceId === last), 'the last change received');
      expect(activities(partner).map((activity) => [activity.kind, activity.resourceId])).toEqual([
        ['article.revision_saved', turning],
        ['article.revision_saved', last],
      ]);
      expect(partner.received.map((data) => data.workspaceActivity.article)).toEqual([{ id: turning }, { id: last }]);
    });

    it('workspaceActivity refuses an unknown kind and a workspace the subscriber is not in', async () => {
      const client = connect(world.people.OBSERVER);
      const unknown = client.start(WORKSPACE_ACTIVITY, { workspaceId: world.workspace.id, kinds: ['article.nothing'] });
      const outsider = connect(world.people.OUTSIDER).start(WORKSPACE_ACTIVITY, { workspaceId: world.workspace.id });
      await failed(unknown);
      await failed(outsider);
      expect([...codes(unknown), ...codes(outsider)]).toEqual(['BAD_USER_INPUT', 'NOT_FOUND']);
    });

    it('refuses, before it starts, a subscription the schema refuses or one over the query limits, page sizes given as variables too', async () => {
      const articleId = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id);
      // The event, its actor, article and organization (5), then 40 pages of members, each 1 + 3 per member: 2,445 at 20, 12,045 at 100.
      const members = Array.from({ length: 40 }, (_, index) => `m${index}: members(first: $n) { edges { node { user { id } } } }`).join(' ');
      const people = `subscription($articleId: ID!, $n: Int) { articleChanged(articleId: $articleId) { ${ACTIVITY} article { leadOrganization { ${members} } } } }`;
      const aliases = Array.from({ length: 60 }, (_, index) => `a${index}: id`).join(' ');
      const client = connect(world.people.EDITOR);
      const refusals = [
        client.start(`subscription($articleId: ID!) { articleChanged(articleId: $articleId) { noSuchField } }`, { articleId }),
        client.start(`subscription($articleId: ID!) { articleChanged(articleId: $articleId) { article { ${aliases} } } }`, { articleId }),
        client.start(people, { articleId, n: 100 }),
      ];
      for (const refusal of refusals) await failed(refusal);
      expect(refusals.map((refusal) => refusal.errors[0].extensions)).toEqual([
        expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', aliases: 60, limit: 50 }),
        expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', cost: 12_045, limit: 10_000 }),
      ]);
      expect(openSubscriptions(app)).toBe(0);
      const within = client.start(people, { articleId, n: 20 });
      await eventually(async () => openSubscriptions(app) === 1, 'the subscription within the limits started');
      expect(within.errors).toEqual([]);
    });

    it('coverageChanged: the sessions and the coverage of one event', async () => {
      const eventId = await createEvent(app, world.hostAdmin, world.workspace.id);
      const otherEvent = await createEvent(app, world.hostAdmin, world.workspace.id);
      const subscription = await connect(world.people.OBSERVER).subscribe(app, COVERAGE_CHANGED, { eventId });
      await addSession(app, world.hostAdmin, otherEvent, '2026-12-01T09:00', '2026-12-01T10:00');
      await addSession(app, world.hostAdmin, eventId, '2026-12-01T09:00', '2026-12-01T10:00');
      const coverageId = await planCoverage(app, world.hostAdmin, eventId);
      ok(await assignCoverage(app, world.hostAdmin, coverageId, world.people.CONTRIBUTOR.id, world.host.id));
      await received(subscription, 3, 'event.created');
      const changes = payloadsBut(subscription, 'event.created');
      expect(changes.map((change) => change.activity.kind)).toEqual(['event.session.added', 'coverage.planned', 'coverage.assigned']);
      expect(changes.map((change) => change.event)).toEqual([{ id: eventId }, { id: eventId }, { id: eventId }]);
    });

    it("myNotifications: the subscriber's own notifications, and no one else's", async () => {
      const eventId = await createEvent(app, world.hostAdmin, world.workspace.id);
      const subscription = await connect(world.people.EDITOR).subscribe(app, MY_NOTIFICATIONS);
      const forSomeoneElse = await planCoverage(app, world.hostAdmin, eventId);
      ok(await assignCoverage(app, world.hostAdmin, forSomeoneElse, world.people.CONTRIBUTOR.id, world.host.id));
      const forMe = await planCoverage(app, world.hostAdmin, eventId);
      ok(await assignCoverage(app, world.hostAdmin, forMe, world.people.EDITOR.id, world.host.id));
      await received(subscription, 1);
      expect(subscription.received.map((data) => data.myNotifications.notification)).toEqual([{ id: expect.any(String), kind: 'coverage.assigned', resourceId: forMe }]);
      expect(kinds(subscription)).toEqual(['notification.created']);
    });
  });

  describe('authorization at delivery', () => {
    it('a member removed mid-stream gets NOT_FOUND and nothing after it', async () => {
      const member = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'CONTRIBUTOR');
      const articleId = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id);
      const subscription = await connect(member).subscribe(app, WORKSPACE_ACTIVITY, { workspaceId: world.workspace.id, kinds: ['article.revision_saved'] });
      const witness = await connect(world.people.OBSERVER).subscribe(app, WORKSPACE_ACTIVITY, { workspaceId: world.workspace.id, kinds: ['article.revision_saved'] });
      ok(await saveRevision(app, world.people.EDITOR, articleId, 'fr', null));
      await received(subscription, 1);
      ok(await app.graphql(REMOVE_MEMBER, { input: { workspaceId: world.workspace.id, userId: member.id } }, { token: world.hostAdmin.token }));
      ok(await saveRevision(app, world.people.EDITOR, articleId, 'en', null));
      await received(witness, 2);
      await failed(subscription);
      expect(codes(subscription)).toEqual(['NOT_FOUND']);
      expect(kinds(subscription)).toEqual(['article.revision_saved']);
    });

    it("an organization that leaves the workspace takes its members' subscriptions with it", async () => {
      const workspace = await createWorkspace(app, world.hostAdmin, world.host);
      await addPartner(app, world.hostAdmin, workspace, world.partner, world.partnerAdmin);
      await addWorkspaceMember(app, world.hostAdmin, workspace, world.people.PARTNER_MEMBER, world.partner, 'EDITOR');
      const subscription = await connect(world.people.PARTNER_MEMBER).subscribe(app, WORKSPACE_ACTIVITY, { workspaceId: workspace.id, kinds: ['workspace.member.added', 'workspace.partner.left'] });
      await addWorkspaceMember(app, world.hostAdmin, workspace, world.people.OBSERVER, world.host, 'OBSERVER');
      await eventually(async () => kinds(subscription).includes('workspace.member.added'), 'a member added');
      ok(await app.graphql(LEAVE, { input: { workspaceId: workspace.id, organizationId: world.partner.id } }, { token: world.partnerAdmin.token }));
      await failed(subscription);
      expect(codes(subscription)).toEqual(['NOT_FOUND']);
      expect(kinds(subscription)).not.toContain('workspace.partner.left');
    });

    it('logout closes the session’s sockets with 4403, and its access token opens no other', async () => {
      const person = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'OBSERVER');
      const client = connect(person);
      await client.subscribe(app, MY_NOTIFICATIONS);
      expect(ok(await app.graphql(LOGOUT, { input: { refreshToken: person.refreshToken } }, { token: person.token })).logout).toBe(true);
      expect((await client.closed()).code).toBe(CloseCode.forbidden);
      expect((await connect(person).closed()).code).toBe(CloseCode.unauthorized);
    });

    it('a reused refresh token ends the session: its sockets close with 4403', async () => {
      const person = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'OBSERVER');
      const client = connect(person);
      await client.subscribe(app, MY_NOTIFICATIONS);
      ok(await app.graphql(REFRESH, { input: { refreshToken: person.refreshToken } }));
      const reused = await app.graphql(REFRESH, { input: { refreshToken: person.refreshToken } });
      expect(reused.errors?.map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
      expect((await client.closed()).code).toBe(CloseCode.forbidden);
    });

    it('an access token that expires while connected closes the socket with 4401', async () => {
      const jwt = app.app.get(JwtService);
      const claims = jwt.decode<{ sub: string; sid: string }>(world.people.OBSERVER.token);
      const shortLived = jwt.sign({ sub: claims.sub, sid: claims.sid, lang: 'en' }, { expiresIn: 2 });
      const client = connect(shortLived);
      await client.subscribe(app, MY_NOTIFICATIONS);
      expect(await client.closed()).toEqual({ code: CloseCode.unauthorized, reason: 'The access token expired' });
    });
  });

  describe('resuming', () => {
    it('replays what followed the last event seen, then goes live: no gap, no duplicate', async () => {
      const editor = world.people.EDITOR;
      const articleId = await createArticle(app, editor, world.workspace.id, world.host.id);
      const first = connect(world.people.OBSERVER);
      const before = await first.subscribe(app, ARTICLE_CHANGED, { articleId });
      ok(await saveRevision(app, editor, articleId, 'fr', null));
      await received(before, 1, 'article.created');
      const [seen] = payloadsBut(before, 'article.created').map((change) => change.activity as Activity);
      await first.dispose();
      await eventually(async () => openSubscriptions(app) === 0, 'disconnected');

      ok(await saveRevision(app, editor, articleId, 'en', null));
      const revisionId = await currentRevisionId(app, editor, articleId);
      ok(await addComment(app, editor, { articleId, revisionId, quote: 'Un texte commun.', body: 'Pendant la coupure' }));
      const after = await connect(world.people.OBSERVER).subscribe(app, ARTICLE_CHANGED, { articleId, after: seen.id });
      ok(await saveRevision(app, editor, articleId, 'fr', 1));
      await received(after, 3);
      expect(kinds(after)).toEqual(['article.revision_saved', 'article.comment_added', 'article.revision_saved']);
      const ids = activities(after).map((activity) => activity.id);
      expect(new Set([seen.id, ...ids]).size).toBe(4);
    });

    /** The event a fresh subscription of `person` received first, once the subscription ended: where a reconnecting client resumes from. */
    const lastSeen = async (person: TestUser, query: string, variables: Record<string, unknown>, change: () => Promise<unknown>): Promise<Activity> => {
      const client = connect(person);
      const subscription = await client.subscribe(app, query, variables);
      await change();
      await received(subscription, 1);
      await client.dispose();
      await eventually(async () => openSubscriptions(app) === 0, 'disconnected');
      return activities(subscription)[0];
    };

    it("authorizes a replay afresh: what turned ORGANIZATION-visible since is not replayed to a partner's member, though this process's hub has not heard of it yet", async () => {
      const editor = world.people.EDITOR;
      const turning = await createArticle(app, editor, world.workspace.id, world.host.id);
      const shared = await createArticle(app, editor, world.workspace.id, world.host.id);
      const variables = { workspaceId: world.workspace.id, kinds: ['article.revision_saved', 'article.visibility_changed'] };
      // Delivered to the partner's member: this process has answered that they may see the article.
      const seen = await lastSeen(world.people.PARTNER_MEMBER, WORKSPACE_ACTIVITY, variables, () => saveRevision(app, editor, turning, 'fr', null));
      expect(seen.resourceId).toBe(turning);

      await whileTheHubLags(app, async () => {
        ok(await app.graphql(VISIBILITY, { input: { articleId: turning, visibility: 'ORGANIZATION' } }, { token: editor.token }));
        ok(await saveRevision(app, editor, turning, 'en', null));
        ok(await saveRevision(app, editor, shared, 'fr', null));
        const resumed = await connect(world.people.PARTNER_MEMBER).subscribe(app, WORKSPACE_ACTIVITY, { ...variables, after: seen.id });
        // In stream order: once the change of the still shared article is replayed, what came before it was or never will be.
        await eventually(async () => activities(resumed).some((activity) => activity.resourceId === shared), 'the change of the shared article replayed');
        expect(activities(resumed).map((activity) => [activity.kind, activity.resourceId])).toEqual([['article.revision_saved', shared]]);
        expect(resumed.errors).toEqual([]);
      });
    });

    it('refuses a resume, as NOT_FOUND and with nothing replayed, to a member removed since, though this process has not heard of the removal yet', async () => {
      const member = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'CONTRIBUTOR');
      const articleId = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id);
      const variables = { workspaceId: world.workspace.id, kinds: ['article.revision_saved'] };
      const seen = await lastSeen(member, WORKSPACE_ACTIVITY, variables, () => saveRevision(app, world.people.EDITOR, articleId, 'fr', null));

      await whileTheHubLags(app, async () => {
        ok(await app.graphql(REMOVE_MEMBER, { input: { workspaceId: world.workspace.id, userId: member.id } }, { token: world.hostAdmin.token }));
        ok(await saveRevision(app, world.people.EDITOR, articleId, 'en', null));
        const resumed = connect(member).start(WORKSPACE_ACTIVITY, { ...variables, after: seen.id });
        await failed(resumed);
        expect(codes(resumed)).toEqual(['NOT_FOUND']);
        expect(resumed.received).toEqual([]);
      });
    });

    it('refuses to resume from an event the stream does not hold, as BAD_USER_INPUT', async () => {
      const articleId = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id);
      const client = connect(world.people.OBSERVER);
      const unknown = client.start(ARTICLE_CHANGED, { articleId, after: '999999999999' });
      const malformed = client.start(ARTICLE_CHANGED, { articleId, after: 'yesterday' });
      await failed(unknown);
      await failed(malformed);
      expect([...codes(unknown), ...codes(malformed)]).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
      expect(unknown.errors[0].message).toBe('after: is not an event of the replay window: subscribe without it and reload');
    });
  });
});
