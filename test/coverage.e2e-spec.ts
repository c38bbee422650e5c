import * as ical from 'node-ical';
import { createArticle, publish, review, saveRevision } from './support/articles';
import { addSession, assignCoverage, createEvent, EVENT_FIELDS, planCoverage, respond, updateCoverage } from './support/coverage';
import { ok, refused, TestApp } from './support/harness';
import { addWorkspaceMember, createWorkspace, createWorld, newWorkspaceMember, World } from './support/world';

const EVENT = `query($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`;

describe('event coverage', () => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await TestApp.start();
    world = await createWorld(app);
  });
  afterAll(() => app.stop());

  const coordinator = () => world.people.COORDINATOR;
  const event = async (id: string, viewer = coordinator()) => ok(await app.graphql(EVENT, { id }, { token: viewer.token })).event;

  describe('planning', () => {
    it('shows the sessions nobody covers as gaps', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id);
      const morning = await addSession(app, coordinator(), id, '2026-12-01T09:00', '2026-12-01T10:00', 'Matin');
      const afternoon = await addSession(app, coordinator(), id, '2026-12-01T14:00', '2026-12-01T15:00', 'Après-midi');
      expect((await event(id)).gaps.map((gap: any) => gap.id)).toEqual([morning, afternoon]);
      const covering = await planCoverage(app, coordinator(), id, morning);
      await planCoverage(app, coordinator(), id);
      expect((await event(id)).gaps.map((gap: any) => gap.id)).toEqual([afternoon]);
      ok(await updateCoverage(app, coordinator(), covering, { status: 'CANCELLED' }));
      expect((await event(id)).gaps.map((gap: any) => gap.id)).toEqual([morning, afternoon]);
    });

    it('refuses bad times, zones and sessions outside their event', async () => {
      const create = (overrides: Record<string, unknown>) =>
        app.graphql(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
          input: { workspaceId: world.workspace.id, title: { fr: 'x', en: 'x' }, kind: 'WEBINAR', startsAt: '2026-12-01T09:00', endsAt: '2026-12-01T10:00', timeZone: 'America/Toronto', ...overrides },
        }, { token: coordinator().token });
      expect(refused(await create({ timeZone: 'Mars/Olympus' }), 'BAD_USER_INPUT').extensions.fields[0].field).toBe('timeZone');
      expect(refused(await create({ startsAt: 'demain' }), 'BAD_USER_INPUT').extensions.fields[0].field).toBe('startsAt');
      expect(refused(await create({ endsAt: '2026-12-01T08:00' }), 'BAD_USER_INPUT').extensions.fields[0].field).toBe('endsAt');
      refused(await create({ url: 'javascript:alert(1)' }), 'BAD_USER_INPUT');
      const id = await createEvent(app, coordinator(), world.workspace.id);
      const outside = await app.graphql(
        `mutation($input: AddEventSessionInput!) { addEventSession(input: $input) { id } }`,
        { input: { eventId: id, title: { fr: 'x', en: 'x' }, startsAt: '2026-12-02T09:00', endsAt: '2026-12-02T10:00' } },
        { token: coordinator().token },
      );
      refused(outside, 'BAD_USER_INPUT');
    });

    it('lists events by time range, in time order', async () => {
      const workspace = await createWorkspace(app, world.hostAdmin, world.host);
      const january = await createEvent(app, world.hostAdmin, workspace.id, { startsAt: '2027-01-10T09:00', endsAt: '2027-01-10T10:00' });
      const march = await createEvent(app, world.hostAdmin, workspace.id, { startsAt: '2027-03-10T09:00', endsAt: '2027-03-10T10:00' });
      const february = await createEvent(app, world.hostAdmin, workspace.id, { startsAt: '2027-02-10T09:00', endsAt: '2027-02-10T10:00' });
      const list = async (args: string) =>
        ok(await app.graphql(`query($ws: ID!) { events(workspaceId: $ws, ${args}) { edges { node { id } } } }`, { ws: workspace.id }, { token: world.hostAdmin.token })).events.edges.map(
          (edge: any) => edge.node.id,
        );
      expect(await list('first: 10')).toEqual([january, february, march]);
      expect(await list('from: "2027-02-01T00:00:00Z", to: "2027-03-01T00:00:00Z"')).toEqual([february]);
      expect(await list('from: "2027-02-01T00:00:00Z"')).toEqual([february, march]);
    });
  });

  describe('assignments', () => {
    it('go to a member acting for a partner organization, who accepts, works, files, and gets published', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id);
      const coverage = await planCoverage(app, coordinator(), id);
      const reporter = world.people.PARTNER_MEMBER;
      expect(refused(await assignCoverage(app, coordinator(), coverage, reporter.id, world.host.id), 'PRECONDITION_FAILED').extensions.reasons).toEqual([
        'The assignee must be a member of the workspace acting for that organization',
      ]);
      refused(await assignCoverage(app, coordinator(), coverage, world.people.OUTSIDER.id, world.outsiderOrganization.id), 'PRECONDITION_FAILED');
      expect(refused(await assignCoverage(app, coordinator(), coverage, world.people.OBSERVER.id, world.host.id), 'PRECONDITION_FAILED').extensions.reasons).toEqual([
        'The assignee must be a contributor, an editor, a coordinator or an owner',
      ]);
      expect(ok(await assignCoverage(app, coordinator(), coverage, reporter.id, world.partner.id)).assignCoverage.status).toBe('ASSIGNED');
      const notices = ok(await app.graphql(`{ notifications(first: 20) { edges { node { kind resourceId } } } }`, {}, { token: reporter.token }));
      expect(notices.notifications.edges.map((edge: any) => edge.node)).toContainEqual({ kind: 'coverage.assigned', resourceId: coverage });

      refused(await respond(app, world.people.EDITOR, coverage, true), 'FORBIDDEN');
      expect(ok(await respond(app, reporter, coverage, true)).respondToAssignment.status).toBe('ACCEPTED');
      refused(await respond(app, reporter, coverage, true), 'PRECONDITION_FAILED');
      refused(await updateCoverage(app, world.people.EDITOR, coverage, { status: 'IN_PROGRESS' }), 'FORBIDDEN');
      ok(await updateCoverage(app, reporter, coverage, { status: 'IN_PROGRESS' }));
      expect(refused(await updateCoverage(app, reporter, coverage, { status: 'FILED' }), 'PRECONDITION_FAILED').extensions.reasons).toEqual([
        'A filed or published coverage names its deliverable: an article or a URL',
      ]);
      ok(await updateCoverage(app, reporter, coverage, { status: 'FILED', deliverableUrl: 'https://www.linkedin.com/posts/recap' }));
      refused(await updateCoverage(app, reporter, coverage, { status: 'PUBLISHED' }), 'FORBIDDEN');
      expect(ok(await updateCoverage(app, coordinator(), coverage, { status: 'PUBLISHED' })).updateCoverage.status).toBe('PUBLISHED');
      expect(refused(await updateCoverage(app, coordinator(), coverage, { status: 'IN_PROGRESS' }), 'PRECONDITION_FAILED').extensions.reasons).toEqual(['The coverage is PUBLISHED']);
    });

    it('move only along allowed transitions', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id);
      const coverage = await planCoverage(app, coordinator(), id);
      refused(await updateCoverage(app, coordinator(), coverage, { status: 'IN_PROGRESS' }), 'PRECONDITION_FAILED');
      refused(await updateCoverage(app, coordinator(), coverage, { status: 'FILED', deliverableUrl: 'https://x.example' }), 'PRECONDITION_FAILED');
      expect(refused(await updateCoverage(app, coordinator(), coverage, { status: 'ACCEPTED' }), 'BAD_USER_INPUT').extensions.fields[0].field).toBe('status');
      ok(await updateCoverage(app, coordinator(), coverage, { status: 'CANCELLED' }));
      refused(await assignCoverage(app, coordinator(), coverage, world.people.EDITOR.id, world.host.id), 'PRECONDITION_FAILED');
    });

    it('declined go back unassigned, and whoever planned them is told', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id);
      const coverage = await planCoverage(app, coordinator(), id);
      ok(await assignCoverage(app, coordinator(), coverage, world.people.EDITOR.id, world.host.id));
      expect(ok(await respond(app, world.people.EDITOR, coverage, false)).respondToAssignment).toEqual({ status: 'UNASSIGNED', assignee: null });
      const notices = ok(await app.graphql(`{ notifications(first: 50) { edges { node { kind resourceId } } } }`, {}, { token: coordinator().token }));
      expect(notices.notifications.edges.map((edge: any) => edge.node)).toContainEqual({ kind: 'coverage.declined', resourceId: coverage });
    });

    it('are published with the article they deliver', async () => {
      const writer = world.people.EDITOR;
      const id = await createEvent(app, coordinator(), world.workspace.id);
      const coverage = await planCoverage(app, coordinator(), id, undefined, 'BLOG_RECAP');
      ok(await assignCoverage(app, coordinator(), coverage, writer.id, world.host.id));
      ok(await respond(app, writer, coverage, true));
      ok(await updateCoverage(app, writer, coverage, { status: 'IN_PROGRESS' }));

      const elsewhere = await createWorkspace(app, world.people.OUTSIDER, world.outsiderOrganization);
      const foreign = await createArticle(app, world.people.OUTSIDER, elsewhere.id, world.outsiderOrganization.id);
      refused(await updateCoverage(app, writer, coverage, { deliverableArticleId: foreign }), 'NOT_FOUND');

      const article = await createArticle(app, writer, world.workspace.id, world.host.id);
      ok(await saveRevision(app, writer, article, 'fr', null));
      ok(await saveRevision(app, writer, article, 'en', null, { translationOf: 1 }));
      ok(await updateCoverage(app, writer, coverage, { status: 'FILED', deliverableArticleId: article }));
      ok(await app.graphql(`mutation($input: ArticleIdInput!) { submitArticleForReview(input: $input) { status } }`, { input: { articleId: article } }, { token: writer.token }));
      ok(await review(app, coordinator(), article, world.host.id));
      ok(await publish(app, writer, article));
      expect((await event(id)).coverage).toEqual([expect.objectContaining({ id: coverage, status: 'PUBLISHED' })]);
    });
  });

  describe('conflicts', () => {
    it('find one person in overlapping sessions across workspaces, shown only as far as the viewer may see', async () => {
      const reporter = world.people.EDITOR;
      const other = await createWorkspace(app, world.hostAdmin, world.host);
      await addWorkspaceMember(app, world.hostAdmin, other, reporter, world.host, 'EDITOR');

      const here = await createEvent(app, coordinator(), world.workspace.id, { startsAt: '2026-12-10T08:00', endsAt: '2026-12-10T18:00' });
      const talk = await addSession(app, coordinator(), here, '2026-12-10T10:00', '2026-12-10T11:00', 'Conférence');
      const parallel = await addSession(app, coordinator(), here, '2026-12-10T10:45', '2026-12-10T11:30', 'Atelier parallèle');
      const later = await addSession(app, coordinator(), here, '2026-12-10T15:00', '2026-12-10T16:00', 'Plus tard');
      const there = await createEvent(app, world.hostAdmin, other.id, { startsAt: '2026-12-10T10:30', endsAt: '2026-12-10T12:00', kind: 'WEBINAR' });

      const assign = async (by: typeof reporter, eventId: string, sessionId?: string, channel?: string) => {
        const coverage = await planCoverage(app, by, eventId, sessionId, channel);
        ok(await assignCoverage(app, by, coverage, reporter.id, world.host.id));
        return coverage;
      };
      const onTalk = await assign(coordinator(), here, talk);
      await assign(coordinator(), here, talk, 'PHOTO'); // the same session twice is one presence
      await assign(coordinator(), here, later);
      const onWebinar = await assign(world.hostAdmin, there);

      const seenByCoordinator = (await event(here)).conflicts.filter((conflict: any) => conflict.coverage.id === onTalk);
      expect(seenByCoordinator).toEqual([
        { assignee: { id: reporter.id }, coverage: { id: onTalk }, overlapsWith: null, overlapStartsAt: '2026-12-10T15:30:00.000Z', overlapEndsAt: '2026-12-10T16:00:00.000Z' },
      ]);
      const seenByOwner = (await event(here, world.hostAdmin)).conflicts.filter((conflict: any) => conflict.coverage.id === onTalk);
      expect(seenByOwner.map((conflict: any) => conflict.overlapsWith)).toEqual([{ id: onWebinar }]);

      const onParallel = await assign(coordinator(), here, parallel);
      const conflicts = (await event(here)).conflicts.map((conflict: any) => [conflict.coverage.id, conflict.overlapsWith?.id ?? null]);
      expect(conflicts).toEqual(expect.arrayContaining([[onParallel, null], [onTalk, onParallel]]));
      expect(conflicts.some(([mine]: string[]) => mine === (later as unknown))).toBe(false);
    });
  });

  describe('time zones', () => {
    it('keep wall-clock times across the night clocks fall back in Toronto', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id, { startsAt: '2026-10-31T08:00', endsAt: '2026-11-02T18:00' });
      const saturday = await addSession(app, coordinator(), id, '2026-10-31T09:00', '2026-10-31T10:00', 'Samedi');
      const night = await addSession(app, coordinator(), id, '2026-11-01T00:30', '2026-11-01T03:30', 'Nuit');
      const monday = await addSession(app, coordinator(), id, '2026-11-02T09:00', '2026-11-02T10:00', 'Lundi');
      const sessions = Object.fromEntries((await event(id)).sessions.map((session: any) => [session.id, session]));
      expect(sessions[saturday]).toMatchObject({ startsAt: '2026-10-31T13:00:00.000Z', localStartsAt: '2026-10-31T09:00:00-04:00' });
      expect(sessions[monday]).toMatchObject({ startsAt: '2026-11-02T14:00:00.000Z', localStartsAt: '2026-11-02T09:00:00-05:00' });
      // 00:30 EDT to 03:30 EST: four hours, one of them lived twice.
      expect(sessions[night]).toMatchObject({
        startsAt: '2026-11-01T04:30:00.000Z',
        endsAt: '2026-11-01T08:30:00.000Z',
        localStartsAt: '2026-11-01T00:30:00-04:00',
        localEndsAt: '2026-11-01T03:30:00-05:00',
      });
    });
  });

  describe('calendars', () => {
    const CREATE = `mutation($input: CreateCalendarLinkInput!) { createCalendarLink(input: $input) { id token url } }`;
    const calendar = (url: string) => app.get(url);

    it('serve a workspace’s events as iCalendar, with time zones, stable UIDs and growing SEQUENCE, until revoked', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id, { startsAt: '2026-10-31T18:00', endsAt: '2026-11-01T12:00', title: { fr: 'Nuit blanche', en: 'All-nighter' } });
      const session = await addSession(app, coordinator(), id, '2026-11-01T00:30', '2026-11-01T03:30', 'Nuit');
      const link = ok(await app.graphql(CREATE, { input: { workspaceId: world.workspace.id } }, { token: world.people.OBSERVER.token })).createCalendarLink;
      expect(link.url).toBe(`/calendar/${link.token}.ics`);

      const first = await calendar(link.url);
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toContain('text/calendar');
      expect(first.body).toContain('BEGIN:VTIMEZONE');
      const parsed = ical.sync.parseICS(first.body) as Record<string, any>;
      const vevent = parsed[`event-${id}@tandem`];
      expect(vevent).toMatchObject({ type: 'VEVENT', summary: 'Nuit blanche / All-nighter' });
      expect(vevent.start.toISOString()).toBe('2026-10-31T22:00:00.000Z');
      expect(vevent.start.tz).toBe('America/Toronto');
      const night = parsed[`session-${session}@tandem`];
      expect([night.start.toISOString(), night.end.toISOString()]).toEqual(['2026-11-01T04:30:00.000Z', '2026-11-01T08:30:00.000Z']);

      ok(await app.graphql(`mutation($input: UpdateEventInput!) { updateEvent(input: $input) { sequence } }`, { input: { eventId: id, title: { fr: 'Nuit grise', en: 'Grey night' } } }, { token: coordinator().token }));
      const updated = (ical.sync.parseICS((await calendar(link.url)).body) as Record<string, any>)[`event-${id}@tandem`];
      expect(updated.summary).toBe('Nuit grise / Grey night');
      expect(Number(updated.sequence)).toBe(Number(vevent.sequence) + 1);

      refused(await app.graphql(`mutation($input: RevokeCalendarLinkInput!) { revokeCalendarLink(input: $input) }`, { input: { calendarLinkId: link.id } }, { token: coordinator().token }), 'NOT_FOUND');
      ok(await app.graphql(`mutation($input: RevokeCalendarLinkInput!) { revokeCalendarLink(input: $input) }`, { input: { calendarLinkId: link.id } }, { token: world.people.OBSERVER.token }));
      expect((await calendar(link.url)).statusCode).toBe(404);
      expect((await calendar('/calendar/not-a-real-token-at-all-000000.ics')).statusCode).toBe(404);
      refused(await app.graphql(CREATE, { input: { workspaceId: world.workspace.id } }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
    });

    it('serve a person’s assignments only from the workspaces they still have access to', async () => {
      const reporter = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'CONTRIBUTOR');
      const id = await createEvent(app, coordinator(), world.workspace.id);
      const coverage = await planCoverage(app, coordinator(), id, undefined, 'VIDEO');
      ok(await assignCoverage(app, coordinator(), coverage, reporter.id, world.host.id));
      const workspaceLink = ok(await app.graphql(CREATE, { input: { workspaceId: world.workspace.id } }, { token: reporter.token })).createCalendarLink;
      const mine = ok(await app.graphql(CREATE, { input: {} }, { token: reporter.token })).createCalendarLink;
      const before = ical.sync.parseICS((await calendar(mine.url)).body) as Record<string, any>;
      expect(before[`coverage-${coverage}@tandem`].summary).toBe('[VIDEO] Semaine du numérique / Digital week');

      ok(await app.graphql(`mutation($input: RemoveWorkspaceMemberInput!) { removeWorkspaceMember(input: $input) }`, { input: { workspaceId: world.workspace.id, userId: reporter.id } }, { token: world.hostAdmin.token }));
      const after = ical.sync.parseICS((await calendar(mine.url)).body) as Record<string, any>;
      expect(after[`coverage-${coverage}@tandem`]).toBeUndefined();
      expect((await calendar(workspaceLink.url)).statusCode).toBe(404);
    });
  });

  describe('cancelling an event', () => {
    it('cancels its open coverage and tells the assignees', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id);
      const open = await planCoverage(app, coordinator(), id);
      ok(await assignCoverage(app, coordinator(), open, world.people.PARTNER_MEMBER.id, world.partner.id));
      const done = await planCoverage(app, coordinator(), id, undefined, 'PHOTO');
      ok(await assignCoverage(app, coordinator(), done, world.people.EDITOR.id, world.host.id));
      ok(await respond(app, world.people.EDITOR, done, true));
      ok(await updateCoverage(app, world.people.EDITOR, done, { status: 'IN_PROGRESS' }));
      ok(await updateCoverage(app, world.people.EDITOR, done, { status: 'FILED', deliverableUrl: 'https://flickr.example/album' }));
      ok(await updateCoverage(app, coordinator(), done, { status: 'PUBLISHED' }));

      refused(await app.graphql(`mutation($input: UpdateEventInput!) { updateEvent(input: $input) { status } }`, { input: { eventId: id, status: 'CANCELLED' } }, { token: world.people.EDITOR.token }), 'FORBIDDEN');
      ok(await app.graphql(`mutation($input: UpdateEventInput!) { updateEvent(input: $input) { status } }`, { input: { eventId: id, status: 'CANCELLED' } }, { token: coordinator().token }));
      const statuses = Object.fromEntries((await event(id)).coverage.map((item: any) => [item.id, item.status]));
      expect(statuses).toEqual({ [open]: 'CANCELLED', [done]: 'PUBLISHED' });
      const notices = ok(await app.graphql(`{ notifications(first: 50) { edges { node { kind resourceId message { fr } } } } }`, {}, { token: world.people.PARTNER_MEMBER.token }));
      expect(notices.notifications.edges.map((edge: any) => edge.node)).toContainEqual({ kind: 'coverage.cancelled', resourceId: open, message: { fr: 'Événement annulé : Semaine du numérique' } });
      refused(await app.graphql(`mutation($input: UpdateEventInput!) { updateEvent(input: $input) { status } }`, { input: { eventId: id, location: 'Ailleurs' } }, { token: coordinator().token }), 'PRECONDITION_FAILED');
    });
  });
});
