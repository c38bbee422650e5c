import * as ical from 'node-ical';
import {
  addSession,
  assignCoverage,
  createCalendarLink,
  createEvent,
  planCoverage,
  respond,
  revokeCalendarLink,
  updateEvent,
  updateSession,
} from './support/coverage';
import { describeApp, ok, refused } from './support/harness';
import { addWorkspaceMember, createWorkspace, newWorkspaceMember } from './support/world';

type Parsed = Record<string, any>;

describeApp('calendars', { world: true }, ({ app, world }) => {
  const coordinator = () => world.people.COORDINATOR;
  const pathOf = (url: string) => new URL(url).pathname;
  const fetchCalendar = async (url: string) => {
    const response = await app.get(pathOf(url));
    return { response, parsed: response.statusCode === 200 ? (ical.sync.parseICS(response.body) as Parsed) : {} };
  };

  it('serve a workspace’s events and sessions as RFC 5545, in each event’s zone, with stable UIDs and growing SEQUENCE', async () => {
    const workspace = await createWorkspace(app, world.hostAdmin, world.host);
    const night = await createEvent(app, world.hostAdmin, workspace.id, {
      startsAt: '2026-10-31T18:00',
      endsAt: '2026-11-01T12:00',
      title: { fr: 'Nuit blanche', en: 'All-nighter' },
      location: 'Toronto',
    });
    const session = await addSession(app, world.hostAdmin, night, '2026-11-01T00:30', '2026-11-01T03:30', 'Nuit');
    const halifax = await createEvent(app, world.hostAdmin, workspace.id, { timeZone: 'America/Halifax', startsAt: '2026-12-01T09:00', endsAt: '2026-12-01T10:00', status: 'CONFIRMED' });
    const link = ok(await createCalendarLink(app, world.hostAdmin, workspace.id)).createCalendarLink;
    expect(link.url).toMatch(new RegExp(`^https?://[^/]+/calendar/${link.token}\\.ics$`));
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits

    const { response, parsed } = await fetchCalendar(link.url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.body.match(/^TZID:.*$/gm)?.map((line) => line.trim()).sort()).toEqual(['TZID:America/Halifax', 'TZID:America/Toronto']);
    expect(response.body).toContain('DTSTART;TZID=America/Toronto:20261031T180000');
    expect(response.body).toContain('DTSTART;TZID=America/Halifax:20261201T090000');

    const vevent = parsed[`event-${night}@tandem`];
    expect(vevent).toMatchObject({ type: 'VEVENT', summary: 'Nuit blanche / All-nighter', location: 'Toronto', status: 'TENTATIVE' });
    expect(vevent.start.toISOString()).toBe('2026-10-31T22:00:00.000Z');
    expect(vevent.start.tz).toBe('America/Toronto');
    expect(parsed[`event-${halifax}@tandem`]).toMatchObject({ status: 'CONFIRMED' });
    expect(parsed[`event-${halifax}@tandem`].start.toISOString()).toBe('2026-12-01T13:00:00.000Z');
    // Across the night clocks fall back: four hours, on the wall clock 00:30 to 03:30.
    const nightSession = parsed[`session-${session}@tandem`];
    expect([nightSession.start.toISOString(), nightSession.end.toISOString()]).toEqual(['2026-11-01T04:30:00.000Z', '2026-11-01T08:30:00.000Z']);

    ok(await updateEvent(app, world.hostAdmin, night, { title: { fr: 'Nuit grise', en: 'Grey night' } }));
    ok(await updateSession(app, world.hostAdmin, session, { room: 'Salle B' }));
    const after = (await fetchCalendar(link.url)).parsed;
    expect(after[`event-${night}@tandem`].summary).toBe('Nuit grise / Grey night');
    expect(Number(after[`event-${night}@tandem`].sequence)).toBe(Number(vevent.sequence) + 1);
    // A session changes with its event and on its own.
    expect(Number(after[`session-${session}@tandem`].sequence)).toBe(Number(nightSession.sequence) + 2);
    expect(after[`session-${session}@tandem`].location).toBe('Salle B, Toronto');
    expect(Number(after[`event-${halifax}@tandem`].sequence)).toBe(Number(parsed[`event-${halifax}@tandem`].sequence));

    ok(await updateEvent(app, world.hostAdmin, halifax, { status: 'CANCELLED' }));
    expect((await fetchCalendar(link.url)).parsed[`event-${halifax}@tandem`].status).toBe('CANCELLED');
  });

  it('stop at revocation, which only their owner may do', async () => {
    const link = ok(await createCalendarLink(app, world.people.OBSERVER, world.workspace.id)).createCalendarLink;
    expect((await fetchCalendar(link.url)).response.statusCode).toBe(200);
    refused(await revokeCalendarLink(app, coordinator(), link.id), 'NOT_FOUND');
    expect(ok(await revokeCalendarLink(app, world.people.OBSERVER, link.id)).revokeCalendarLink).toBe(true);
    expect((await fetchCalendar(link.url)).response.statusCode).toBe(404);
    expect((await app.get('/calendar/not-a-real-token-at-all-000000000000000000000.ics')).statusCode).toBe(404);
    expect((await app.get(`${pathOf(link.url).replace('.ics', '')}`)).statusCode).toBe(404);

    const mine = ok(await app.graphql(`{ calendarLinks(first: 10) { edges { node { id workspaceId revokedAt token url } } } }`, {}, { token: world.people.OBSERVER.token })).calendarLinks;
    expect(mine.edges.map((edge: any) => edge.node)).toEqual([{ id: link.id, workspaceId: world.workspace.id, revokedAt: expect.any(String), token: null, url: null }]);
    refused(await createCalendarLink(app, world.people.OUTSIDER, world.workspace.id), 'NOT_FOUND');
  });

  it('of a workspace stop when their owner loses access to it', async () => {
    const member = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'CONTRIBUTOR');
    const link = ok(await createCalendarLink(app, member, world.workspace.id)).createCalendarLink;
    expect((await fetchCalendar(link.url)).response.statusCode).toBe(200);
    ok(await app.graphql(`mutation($input: RemoveWorkspaceMemberInput!) { removeWorkspaceMember(input: $input) }`, { input: { workspaceId: world.workspace.id, userId: member.id } }, { token: world.hostAdmin.token }));
    expect((await fetchCalendar(link.url)).response.statusCode).toBe(404);
  });

  it('of a person show their assignments from the workspaces they still have access to', async () => {
    const reporter = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'CONTRIBUTOR');
    const other = await createWorkspace(app, world.hostAdmin, world.host);
    await addWorkspaceMember(app, world.hostAdmin, other, reporter, world.host, 'CONTRIBUTOR');
    const id = await createEvent(app, coordinator(), world.workspace.id, { status: 'CONFIRMED' });
    const session = await addSession(app, coordinator(), id, '2026-12-01T10:00', '2026-12-01T11:00', 'Panel');
    const onSession = await planCoverage(app, coordinator(), id, session, 'VIDEO');
    ok(await assignCoverage(app, coordinator(), onSession, reporter.id, world.host.id));
    const elsewhere = await createEvent(app, world.hostAdmin, other.id, { status: 'CONFIRMED', title: { fr: 'Ailleurs', en: 'Elsewhere' } });
    const onElsewhere = await planCoverage(app, world.hostAdmin, elsewhere);
    ok(await assignCoverage(app, world.hostAdmin, onElsewhere, reporter.id, world.host.id));
    const unrelated = await planCoverage(app, coordinator(), id, undefined, 'PHOTO');

    const link = ok(await createCalendarLink(app, reporter)).createCalendarLink;
    expect(link.workspaceId).toBeNull();
    const before = (await fetchCalendar(link.url)).parsed;
    expect(before[`coverage-${onSession}@tandem`]).toMatchObject({ summary: '[VIDEO] Panel', status: 'TENTATIVE' });
    expect(before[`coverage-${onSession}@tandem`].start.toISOString()).toBe('2026-12-01T15:00:00.000Z');
    expect(before[`coverage-${onElsewhere}@tandem`]).toMatchObject({ summary: '[LIVE_SOCIAL] Ailleurs / Elsewhere' });
    expect(before[`coverage-${unrelated}@tandem`]).toBeUndefined();

    ok(await respond(app, reporter, onSession, true));
    const accepted = (await fetchCalendar(link.url)).parsed[`coverage-${onSession}@tandem`];
    expect(accepted.status).toBe('CONFIRMED');
    expect(Number(accepted.sequence)).toBeGreaterThan(Number(before[`coverage-${onSession}@tandem`].sequence));

    ok(await app.graphql(`mutation($input: RemoveWorkspaceMemberInput!) { removeWorkspaceMember(input: $input) }`, { input: { workspaceId: other.id, userId: reporter.id } }, { token: world.hostAdmin.token }));
    const after = await fetchCalendar(link.url);
    expect(after.response.statusCode).toBe(200);
    expect(after.parsed[`coverage-${onElsewhere}@tandem`]).toBeUndefined();
    expect(after.response.body).not.toContain('Ailleurs');
    expect(after.parsed[`coverage-${onSession}@tandem`]).toBeDefined();
    // Losing access removed an assignment with no later date: the calendar is validated by its ETag only.
    expect(after.response.headers['last-modified']).toBeUndefined();
    expect((await app.get(pathOf(link.url), { 'if-modified-since': new Date().toUTCString() })).statusCode).toBe(200);
    expect((await app.get(pathOf(link.url), { 'if-none-match': after.response.headers.etag as string })).statusCode).toBe(304);
  });
});
