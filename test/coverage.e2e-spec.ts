import { createArticle, publish, review, saveRevision, submit } from './support/articles';
import {
  addSession,
  assignCoverage,
  coverageInProgress,
  createEvent,
  EVENT_FIELDS,
  notices,
  planCoverage,
  respond,
  updateCoverage,
  updateEvent,
  updateSession,
} from './support/coverage';
import { describeApp, ok, refused } from './support/harness';
import { countQueries } from './support/queries';
import { addWorkspaceMember, createWorkspace, newWorkspaceMember } from './support/world';

const EVENT = `query($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`;

describeApp('event coverage', { world: true }, ({ app, world }) => {
  const coordinator = () => world.people.COORDINATOR;
  const event = async (id: string, viewer = coordinator()) => ok(await app.graphql(EVENT, { id }, { token: viewer.token })).event;
  const ids = (items: { id: string }[]) => items.map((item) => item.id);

  describe('planning', () => {
    it('shows the sessions nobody covers as gaps', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id);
      const morning = await addSession(app, coordinator(), id, '2026-12-01T09:00', '2026-12-01T10:00', 'Matin');
      const afternoon = await addSession(app, coordinator(), id, '2026-12-01T14:00', '2026-12-01T15:00', 'Après-midi');
      expect(ids((await event(id)).gaps)).toEqual([morning, afternoon]);
      const covering = await planCoverage(app, coordinator(), id, morning);
      await planCoverage(app, coordinator(), id); // the whole event: no session is covered by it
      expect(ids((await event(id)).gaps)).toEqual([afternoon]);
      ok(await updateCoverage(app, coordinator(), covering, { status: 'CANCELLED' }));
      expect(ids((await event(id)).gaps)).toEqual([morning, afternoon]);
    });

    it('refuses bad times, unknown zones and sessions outside their event, and names zones as calendars do', async () => {
      const create = (overrides: Record<string, unknown>) =>
        app.graphql(
          `mutation($input: CreateEventInput!) { createEvent(input: $input) { id timeZone localStartsAt } }`,
          {
            input: { workspaceId: world.workspace.id, title: { fr: 'x', en: 'x' }, kind: 'WEBINAR', startsAt: '2026-12-01T09:00', endsAt: '2026-12-01T10:00', timeZone: 'America/Toronto', ...overrides },
          },
          { token: coordinator().token },
        );
      expect(refused(await create({ timeZone: 'Mars/Olympus' }), 'BAD_USER_INPUT').extensions.fields[0].field).toBe('timeZone');
      expect(refused(await create({ timeZone: '+05:00' }), 'BAD_USER_INPUT').extensions.fields[0].field).toBe('timeZone');
      expect(refused(await create({ startsAt: 'demain' }), 'BAD_USER_INPUT').extensions.fields[0].field).toBe('startsAt');
      expect(refused(await create({ endsAt: '2026-12-01T08:00' }), 'BAD_USER_INPUT').extensions.fields[0].field).toBe('endsAt');
      expect(refused(await create({ organizerOrganizationId: '00000000-0000-4000-8000-000000000000' }), 'BAD_USER_INPUT').extensions.fields[0].field).toBe(
        'organizerOrganizationId',
      );
      refused(await create({ url: 'javascript:alert(1)' }), 'BAD_USER_INPUT');
      expect(ok(await create({ timeZone: 'us/eastern' })).createEvent).toMatchObject({ timeZone: 'America/New_York', localStartsAt: '2026-12-01T09:00:00-05:00' });

      const id = await createEvent(app, coordinator(), world.workspace.id);
      const outside = await app.graphql(
        `mutation($input: AddEventSessionInput!) { addEventSession(input: $input) { id } }`,
        { input: { eventId: id, title: { fr: 'x', en: 'x' }, startsAt: '2026-12-02T09:00', endsAt: '2026-12-02T10:00' } },
        { token: coordinator().token },
      );
      refused(outside, 'BAD_USER_INPUT');
    });

    it('changes events and sessions with growing sequences, keeping every session within its event', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id, { location: 'Ottawa', url: 'https://example.gc.ca/semaine' });
      const session = await addSession(app, coordinator(), id, '2026-12-01T09:00', '2026-12-01T10:00');
      expect(refused(await updateEvent(app, coordinator(), id, { startsAt: '2026-12-01T09:30' }), 'BAD_USER_INPUT').extensions.fields[0].field).toBe('startsAt');
      const changed = ok(await updateEvent(app, coordinator(), id, { location: null, endsAt: '2026-12-01T20:00', status: 'CONFIRMED' })).updateEvent;
      expect(changed).toMatchObject({ location: null, url: 'https://example.gc.ca/semaine', status: 'CONFIRMED', sequence: 1, endsAt: '2026-12-02T01:00:00.000Z' });

      refused(await updateSession(app, coordinator(), session, { endsAt: '2026-12-01T21:00' }), 'BAD_USER_INPUT');
      expect(ok(await updateSession(app, coordinator(), session, { startsAt: '2026-12-01T19:00', endsAt: '2026-12-01T20:00', room: 'B-204' })).updateEventSession).toMatchObject({
        sequence: 1,
        localStartsAt: '2026-12-01T19:00:00-05:00',
        room: 'B-204',
      });
      refused(await updateSession(app, world.people.EDITOR, session, { room: 'A' }), 'FORBIDDEN');
      refused(await updateSession(app, world.people.OUTSIDER, session, { room: 'A' }), 'NOT_FOUND');
    });

    it('lists events by time range, in time order, a page at a time', async () => {
      const workspace = await createWorkspace(app, world.hostAdmin, world.host);
      const january = await createEvent(app, world.hostAdmin, workspace.id, { startsAt: '2027-01-10T09:00', endsAt: '2027-01-10T10:00' });
      const march = await createEvent(app, world.hostAdmin, workspace.id, { startsAt: '2027-03-10T09:00', endsAt: '2027-03-10T10:00' });
      const february = await createEvent(app, world.hostAdmin, workspace.id, { startsAt: '2027-02-10T09:00', endsAt: '2027-02-10T10:00' });
      const twin = await createEvent(app, world.hostAdmin, workspace.id, { startsAt: '2027-02-10T09:00', endsAt: '2027-02-10T11:00' });
      const list = async (args: string) =>
        ok(await app.graphql(`query($ws: ID!) { events(workspaceId: $ws, ${args}) { edges { node { id } } pageInfo { endCursor hasNextPage } } }`, { ws: workspace.id }, { token: world.hostAdmin.token }))
          .events;
      const nodes = (page: any) => page.edges.map((edge: any) => edge.node.id);
      expect(nodes(await list('first: 10'))).toEqual([january, ...[february, twin].sort(), march]);
      expect(nodes(await list('from: "2027-02-01T00:00:00Z", to: "2027-03-01T00:00:00Z"')).sort()).toEqual([february, twin].sort());
      const first = await list('first: 2');
      const second = await list(`first: 2, after: "${first.pageInfo.endCursor}"`);
      expect([...nodes(first), ...nodes(second)]).toEqual(nodes(await list('first: 10')));
      expect(second.pageInfo.hasNextPage).toBe(false);
      refused(await app.graphql(`query($ws: ID!) { events(workspaceId: $ws) { edges { node { id } } } }`, { ws: workspace.id }, { token: world.people.EDITOR.token }), 'NOT_FOUND');
    });

    it('costs the same number of queries for a page of 2 events as for a page of 8, with everything they show', async () => {
      const workspace = await createWorkspace(app, world.hostAdmin, world.host);
      for (let day = 1; day <= 8; day++) {
        const id = await createEvent(app, world.hostAdmin, workspace.id, { startsAt: `2027-05-0${day}T09:00`, endsAt: `2027-05-0${day}T17:00` });
        const session = await addSession(app, world.hostAdmin, id, `2027-05-0${day}T10:00`, `2027-05-0${day}T11:00`);
        const coverage = await planCoverage(app, world.hostAdmin, id, session);
        ok(await assignCoverage(app, world.hostAdmin, coverage, world.hostAdmin.id, world.host.id));
      }
      const page = (first: number) =>
        app.graphql(`query($ws: ID!) { events(workspaceId: $ws, first: ${first}) { edges { node { ${EVENT_FIELDS} organizerOrganization { id } } } } }`, { ws: workspace.id }, {
          token: world.hostAdmin.token,
        });
      const small = await countQueries(app, async () => expect(ok(await page(2)).events.edges).toHaveLength(2));
      const large = await countQueries(app, async () => expect(ok(await page(8)).events.edges).toHaveLength(8));
      expect(large).toBe(small);
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
      expect(ok(await assignCoverage(app, coordinator(), coverage, reporter.id, world.partner.id)).assignCoverage).toMatchObject({ status: 'ASSIGNED', assignedBy: { id: coordinator().id } });
      expect(await notices(app, reporter)).toContainEqual({ kind: 'coverage.assigned', resourceId: coverage });

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
      refused(await updateCoverage(app, reporter, coverage, { deliverableUrl: 'https://x.example/other' }), 'PRECONDITION_FAILED');
    });

    it('move only along the allowed transitions, and each by whom the table says', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id);
      const coverage = await planCoverage(app, coordinator(), id);
      expect(refused(await updateCoverage(app, coordinator(), coverage, { status: 'IN_PROGRESS' }), 'PRECONDITION_FAILED')).toMatchObject({
        message: 'A coverage cannot go from UNASSIGNED to IN_PROGRESS',
        extensions: { reasons: ['The coverage is UNASSIGNED'] },
      });
      refused(await updateCoverage(app, coordinator(), coverage, { status: 'FILED', deliverableUrl: 'https://x.example' }), 'PRECONDITION_FAILED');
      expect(refused(await updateCoverage(app, coordinator(), coverage, { status: 'ACCEPTED' }), 'BAD_USER_INPUT').extensions.fields[0].field).toBe('status');
      // A deliverable is recorded once the work is in progress.
      refused(await updateCoverage(app, coordinator(), coverage, { deliverableUrl: 'https://x.example' }), 'PRECONDITION_FAILED');

      const working = await coverageInProgress(app, coordinator(), id, world.people.CONTRIBUTOR, world.host.id);
      refused(await updateCoverage(app, world.people.CONTRIBUTOR, working, { status: 'CANCELLED' }), 'FORBIDDEN');
      refused(await updateCoverage(app, world.people.CONTRIBUTOR, working, { deliverableUrl: 'ftp://x.example/file' }), 'BAD_USER_INPUT');
      refused(await updateCoverage(app, world.people.CONTRIBUTOR, working, { deliverableUrl: 'https://x.example', deliverableArticleId: coverage }), 'BAD_USER_INPUT');

      ok(await updateCoverage(app, coordinator(), coverage, { status: 'CANCELLED' }));
      refused(await assignCoverage(app, coordinator(), coverage, world.people.EDITOR.id, world.host.id), 'PRECONDITION_FAILED');
      refused(await updateCoverage(app, coordinator(), coverage, { status: 'UNASSIGNED' }), 'PRECONDITION_FAILED');
    });

    it('declined go back unassigned, and whoever assigned them is told', async () => {
      const id = await createEvent(app, world.hostAdmin, world.workspace.id);
      const coverage = await planCoverage(app, world.hostAdmin, id);
      ok(await assignCoverage(app, coordinator(), coverage, world.people.EDITOR.id, world.host.id));
      expect(ok(await respond(app, world.people.EDITOR, coverage, false)).respondToAssignment).toEqual({ status: 'UNASSIGNED', assignee: null });
      expect(await notices(app, coordinator())).toContainEqual({ kind: 'coverage.declined', resourceId: coverage });
      expect(await notices(app, world.hostAdmin)).not.toContainEqual({ kind: 'coverage.declined', resourceId: coverage });
    });

    it('are reassigned or taken back by a coordinator, and the people concerned are told', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id);
      const coverage = await coverageInProgress(app, coordinator(), id, world.people.EDITOR, world.host.id);
      ok(await assignCoverage(app, coordinator(), coverage, world.people.CONTRIBUTOR.id, world.host.id));
      expect(await notices(app, world.people.EDITOR)).toContainEqual({ kind: 'coverage.unassigned', resourceId: coverage });
      expect(await notices(app, world.people.CONTRIBUTOR)).toContainEqual({ kind: 'coverage.assigned', resourceId: coverage });
      refused(await updateCoverage(app, world.people.EDITOR, coverage, { status: 'IN_PROGRESS' }), 'FORBIDDEN');

      expect(ok(await updateCoverage(app, coordinator(), coverage, { status: 'UNASSIGNED' })).updateCoverage).toMatchObject({ status: 'UNASSIGNED', assignee: null });
      expect((await notices(app, world.people.CONTRIBUTOR)).filter((item) => item.resourceId === coverage).map((item) => item.kind)).toEqual([
        'coverage.unassigned',
        'coverage.assigned',
      ]);
    });

    it('deliver an article of their workspace that the caller can see, and are published with it', async () => {
      const writer = world.people.EDITOR;
      const id = await createEvent(app, coordinator(), world.workspace.id);
      const filed = await coverageInProgress(app, coordinator(), id, writer, world.host.id);
      const working = await coverageInProgress(app, coordinator(), id, world.people.CONTRIBUTOR, world.host.id);
      const accepted = await planCoverage(app, coordinator(), id, undefined, 'PHOTO');
      ok(await assignCoverage(app, coordinator(), accepted, writer.id, world.host.id));
      ok(await respond(app, writer, accepted, true));

      const elsewhere = await createWorkspace(app, world.people.OUTSIDER, world.outsiderOrganization);
      const foreign = await createArticle(app, world.people.OUTSIDER, elsewhere.id, world.outsiderOrganization.id);
      refused(await updateCoverage(app, writer, filed, { deliverableArticleId: foreign }), 'NOT_FOUND');
      const second = await createWorkspace(app, world.hostAdmin, world.host);
      await addWorkspaceMember(app, world.hostAdmin, second, writer, world.host, 'EDITOR');
      const ownOther = await createArticle(app, writer, second.id, world.host.id);
      expect(refused(await updateCoverage(app, writer, filed, { deliverableArticleId: ownOther }), 'BAD_USER_INPUT').extensions.fields[0].field).toBe('deliverableArticleId');

      const article = await createArticle(app, writer, world.workspace.id, world.host.id, 'ORGANIZATION');
      ok(await saveRevision(app, writer, article, 'fr', null));
      ok(await saveRevision(app, writer, article, 'en', null, { translationOf: 1 }));
      ok(await updateCoverage(app, writer, filed, { status: 'FILED', deliverableArticleId: article }));
      ok(await updateCoverage(app, coordinator(), working, { deliverableArticleId: article }));
      // The article is internal to the host: the partner's member sees the coverage, not the article.
      const coverageOf = async (viewer: typeof writer) => Object.fromEntries((await event(id, viewer)).coverage.map((item: any) => [item.id, item]));
      expect((await coverageOf(writer))[filed].deliverableArticle).toEqual({ id: article });
      expect((await coverageOf(world.people.PARTNER_MEMBER))[filed]).toMatchObject({ status: 'FILED', deliverableArticle: null });

      ok(await submit(app, writer, article));
      ok(await review(app, coordinator(), article, world.host.id));
      ok(await publish(app, writer, article));
      const statuses = Object.fromEntries((await event(id)).coverage.map((item: any) => [item.id, item.status]));
      expect(statuses).toEqual({ [filed]: 'PUBLISHED', [working]: 'PUBLISHED', [accepted]: 'ACCEPTED' });
    });
  });

  describe('conflicts', () => {
    it('find one person in overlapping sessions across workspaces, shown only as far as the viewer may see', async () => {
      const reporter = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'EDITOR');
      const other = await createWorkspace(app, world.hostAdmin, world.host);
      await addWorkspaceMember(app, world.hostAdmin, other, reporter, world.host, 'EDITOR');

      const here = await createEvent(app, coordinator(), world.workspace.id, { startsAt: '2026-12-10T08:00', endsAt: '2026-12-10T18:00' });
      const talk = await addSession(app, coordinator(), here, '2026-12-10T10:00', '2026-12-10T11:00', 'Conférence');
      const parallel = await addSession(app, coordinator(), here, '2026-12-10T10:45', '2026-12-10T11:30', 'Atelier parallèle');
      const later = await addSession(app, coordinator(), here, '2026-12-10T15:00', '2026-12-10T16:00', 'Plus tard');
      const there = await createEvent(app, world.hostAdmin, other.id, { startsAt: '2026-12-10T10:30', endsAt: '2026-12-10T12:00', kind: 'WEBINAR', title: { fr: 'Webinaire secret', en: 'Secret webinar' } });

      const assign = async (by: typeof reporter, eventId: string, sessionId?: string, channel?: string) => {
        const coverage = await planCoverage(app, by, eventId, sessionId, channel);
        ok(await assignCoverage(app, by, coverage, reporter.id, world.host.id));
        return coverage;
      };
      const onTalk = await assign(coordinator(), here, talk);
      const photos = await assign(coordinator(), here, talk, 'PHOTO'); // the same session twice is one presence, not a conflict
      const onLater = await assign(coordinator(), here, later);
      const onWebinar = await assign(world.hostAdmin, there);

      // The coordinator has no access to the other workspace: the overlap, not what or where.
      const seenByCoordinator = await event(here);
      const overlap = { assignee: { id: reporter.id }, overlapsWith: null, overlapStartsAt: '2026-12-10T15:30:00.000Z', overlapEndsAt: '2026-12-10T16:00:00.000Z' };
      expect(seenByCoordinator.conflicts).toEqual(expect.arrayContaining([{ ...overlap, coverage: { id: onTalk } }, { ...overlap, coverage: { id: photos } }]));
      expect(seenByCoordinator.conflicts).toHaveLength(2);
      expect(JSON.stringify(seenByCoordinator)).not.toMatch(new RegExp(`${onWebinar}|${there}|${other.id}|Webinaire`));
      // The owner of both workspaces sees the other coverage.
      expect((await event(here, world.hostAdmin)).conflicts.map((conflict: any) => conflict.overlapsWith)).toEqual([
        { id: onWebinar, event: { title: { fr: 'Webinaire secret' } } },
        { id: onWebinar, event: { title: { fr: 'Webinaire secret' } } },
      ]);
      // Seen from the other workspace, the owner sees it too.
      expect((await event(there, world.hostAdmin)).conflicts.map((conflict: any) => [conflict.coverage.id, conflict.overlapsWith.id]).sort()).toEqual(
        [[onWebinar, onTalk], [onWebinar, photos]].sort(),
      );

      const onParallel = await assign(coordinator(), here, parallel);
      const pairs = (await event(here)).conflicts.map((conflict: any) => [conflict.coverage.id, conflict.overlapsWith?.id ?? null]);
      expect(pairs).toEqual(expect.arrayContaining([[onParallel, null], [onTalk, onParallel], [onParallel, onTalk]]));
      expect(pairs.some(([mine]: string[]) => mine === onLater)).toBe(false);

      // Once the reporter is no longer in the other workspace, its coverage there is no conflict.
      ok(await app.graphql(`mutation($input: RemoveWorkspaceMemberInput!) { removeWorkspaceMember(input: $input) }`, { input: { workspaceId: other.id, userId: reporter.id } }, { token: world.hostAdmin.token }));
      expect((await event(here, world.hostAdmin)).conflicts.map((conflict: any) => conflict.overlapsWith?.id)).not.toContain(onWebinar);
      // Nor is a coverage that is no longer committed.
      ok(await respond(app, reporter, onParallel, false));
      expect((await event(here)).conflicts).toEqual([]);
    });
  });

  describe('time zones', () => {
    it('keep wall-clock times across the night clocks fall back in Toronto', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id, { startsAt: '2026-10-31T08:00', endsAt: '2026-11-02T18:00' });
      const saturday = await addSession(app, coordinator(), id, '2026-10-31T09:00', '2026-10-31T10:00', 'Samedi');
      const night = await addSession(app, coordinator(), id, '2026-11-01T00:30', '2026-11-01T03:30', 'Nuit');
      const repeated = await addSession(app, coordinator(), id, '2026-11-01T01:30:00-05:00', '2026-11-01T02:00', 'Deuxième 1 h 30');
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
      // The second 01:30 is named with its offset.
      expect(sessions[repeated]).toMatchObject({ startsAt: '2026-11-01T06:30:00.000Z', localStartsAt: '2026-11-01T01:30:00-05:00', localEndsAt: '2026-11-01T02:00:00-05:00' });
    });

    it('keep wall-clock times across the night clocks spring forward in Toronto', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id, { startsAt: '2026-03-07T08:00', endsAt: '2026-03-09T18:00' });
      const night = await addSession(app, coordinator(), id, '2026-03-08T01:30', '2026-03-08T03:30', 'Nuit');
      const skipped = await addSession(app, coordinator(), id, '2026-03-08T02:30', '2026-03-08T04:00', 'Heure sautée');
      const saturday = await addSession(app, coordinator(), id, '2026-03-07T09:00', '2026-03-07T10:00', 'Samedi');
      const monday = await addSession(app, coordinator(), id, '2026-03-09T09:00', '2026-03-09T10:00', 'Lundi');
      const sessions = Object.fromEntries((await event(id)).sessions.map((session: any) => [session.id, session]));
      expect(sessions[saturday]).toMatchObject({ startsAt: '2026-03-07T14:00:00.000Z', localStartsAt: '2026-03-07T09:00:00-05:00' });
      expect(sessions[monday]).toMatchObject({ startsAt: '2026-03-09T13:00:00.000Z', localStartsAt: '2026-03-09T09:00:00-04:00' });
      // 01:30 EST to 03:30 EDT: one hour of real time.
      expect(sessions[night]).toMatchObject({ startsAt: '2026-03-08T06:30:00.000Z', endsAt: '2026-03-08T07:30:00.000Z', localEndsAt: '2026-03-08T03:30:00-04:00' });
      // 02:30 never happens: read with the offset before the change (RFC 5545), i.e. 03:30 EDT.
      expect(sessions[skipped]).toMatchObject({ startsAt: '2026-03-08T07:30:00.000Z', localStartsAt: '2026-03-08T03:30:00-04:00' });
    });
  });

  describe('cancelling an event', () => {
    it('cancels its open coverage and tells the assignees; the event no longer changes', async () => {
      const id = await createEvent(app, coordinator(), world.workspace.id);
      const open = await planCoverage(app, coordinator(), id);
      ok(await assignCoverage(app, coordinator(), open, world.people.PARTNER_MEMBER.id, world.partner.id));
      const unassigned = await planCoverage(app, coordinator(), id, undefined, 'VIDEO');
      const done = await coverageInProgress(app, coordinator(), id, world.people.EDITOR, world.host.id);
      ok(await updateCoverage(app, world.people.EDITOR, done, { status: 'FILED', deliverableUrl: 'https://flickr.example/album' }));
      ok(await updateCoverage(app, coordinator(), done, { status: 'PUBLISHED' }));

      refused(await updateEvent(app, world.people.EDITOR, id, { status: 'CANCELLED' }), 'FORBIDDEN');
      expect(ok(await updateEvent(app, coordinator(), id, { status: 'CANCELLED' })).updateEvent.status).toBe('CANCELLED');
      const statuses = Object.fromEntries((await event(id)).coverage.map((item: any) => [item.id, item.status]));
      expect(statuses).toEqual({ [open]: 'CANCELLED', [unassigned]: 'CANCELLED', [done]: 'PUBLISHED' });
      const partnerNotices = ok(await app.graphql(`{ notifications(first: 100) { edges { node { kind resourceId message { fr } } } } }`, {}, { token: world.people.PARTNER_MEMBER.token }));
      expect(partnerNotices.notifications.edges.map((edge: any) => edge.node)).toContainEqual({ kind: 'coverage.cancelled', resourceId: open, message: { fr: 'Événement annulé : Semaine du numérique' } });
      expect(await notices(app, world.people.EDITOR)).not.toContainEqual({ kind: 'coverage.cancelled', resourceId: done });

      refused(await updateEvent(app, coordinator(), id, { location: 'Ailleurs' }), 'PRECONDITION_FAILED');
      refused(await updateEvent(app, coordinator(), id, { status: 'CONFIRMED' }), 'PRECONDITION_FAILED');
      refused(
        await app.graphql(`mutation($input: PlanCoverageInput!) { planCoverage(input: $input) { id } }`, { input: { eventId: id, channel: 'PHOTO' } }, { token: coordinator().token }),
        'PRECONDITION_FAILED',
      );
      const audit = ok(await app.graphql(`query($id: ID!) { auditEvents(workspaceId: $id, first: 10) { edges { node { action resourceId details } } } }`, { id: world.workspace.id }, { token: world.hostAdmin.token }));
      expect(audit.auditEvents.edges.map((edge: any) => edge.node)).toContainEqual({
        action: 'event.cancelled',
        resourceId: id,
        details: expect.objectContaining({ cancelledCoverageIds: expect.arrayContaining([open, unassigned]) }),
      });
    });
  });

  it('refuses what the caller may not see as NOT_FOUND, malformed ids included', async () => {
    const id = await createEvent(app, coordinator(), world.workspace.id);
    refused(await app.graphql(EVENT, { id }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
    refused(await app.graphql(EVENT, { id: 'not-an-id' }, { token: coordinator().token }), 'NOT_FOUND');
    const coverage = await planCoverage(app, coordinator(), id);
    refused(await updateCoverage(app, world.people.OUTSIDER, coverage, { status: 'CANCELLED' }), 'NOT_FOUND');
    refused(await respond(app, world.people.OUTSIDER, coverage, true), 'NOT_FOUND');
  });
});
