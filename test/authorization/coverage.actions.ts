import { addSession, assignCoverage, coverageInProgress, createCalendarLink, createEvent, planCoverage, revokeCalendarLink } from '../support/coverage';
import { ok, TestApp } from '../support/harness';
import { World } from '../support/world';
import { ALL_MEMBERS, MANAGERS, MatrixAction, othersOf, outcomes } from './matrix';

const eventOf = (app: TestApp, world: World) => createEvent(app, world.hostAdmin, world.workspace.id);
const ASSIGNEE_OR_MANAGERS = [...MANAGERS, 'CONTRIBUTOR'] as const;

async function assignedToContributor(app: TestApp, world: World): Promise<string> {
  const coverage = await planCoverage(app, world.hostAdmin, await eventOf(app, world));
  ok(await assignCoverage(app, world.hostAdmin, coverage, world.people.CONTRIBUTOR.id, world.host.id));
  return coverage;
}

const inProgressWithContributor = async (app: TestApp, world: World) =>
  coverageInProgress(app, world.hostAdmin, await eventOf(app, world), world.people.CONTRIBUTOR, world.host.id);

const updateCoverage = (app: TestApp, token: string | undefined, coverageId: string, change: Record<string, unknown>) =>
  app.graphql(`mutation($input: UpdateCoverageInput!) { updateCoverage(input: $input) { status } }`, { input: { coverageId, ...change } }, { token });

/** The event coverage actions of the access policy (issue 6). */
export const coverageActions: MatrixAction[] = [
  {
    name: 'event(id)',
    setup: eventOf,
    run: (app, _world, token, id) => app.graphql(`query($id: ID!) { event(id: $id) { id gaps { id } conflicts { overlapStartsAt } } }`, { id }, { token }),
    expect: outcomes(ALL_MEMBERS),
  },
  {
    name: 'events(workspaceId)',
    run: (app, world, token) => app.graphql(`query($ws: ID!) { events(workspaceId: $ws) { edges { node { id } } } }`, { ws: world.workspace.id }, { token }),
    expect: outcomes(ALL_MEMBERS),
  },
  {
    name: 'createEvent',
    run: (app, world, token) =>
      app.graphql(
        `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
        { input: { workspaceId: world.workspace.id, title: { fr: 'x', en: 'x' }, kind: 'MEETUP', startsAt: '2026-12-01T09:00', endsAt: '2026-12-01T10:00', timeZone: 'America/Halifax' } },
        { token },
      ),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  },
  {
    name: 'updateEvent',
    setup: eventOf,
    run: (app, _world, token, id) => app.graphql(`mutation($input: UpdateEventInput!) { updateEvent(input: $input) { id } }`, { input: { eventId: id, status: 'CONFIRMED' } }, { token }),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  },
  {
    name: 'addEventSession',
    setup: eventOf,
    run: (app, _world, token, id) =>
      app.graphql(
        `mutation($input: AddEventSessionInput!) { addEventSession(input: $input) { id } }`,
        { input: { eventId: id, title: { fr: 'x', en: 'x' }, startsAt: '2026-12-01T09:00', endsAt: '2026-12-01T10:00' } },
        { token },
      ),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  },
  {
    name: 'updateEventSession',
    setup: async (app, world) => addSession(app, world.hostAdmin, await eventOf(app, world), '2026-12-01T09:00', '2026-12-01T10:00'),
    run: (app, _world, token, session) =>
      app.graphql(`mutation($input: UpdateEventSessionInput!) { updateEventSession(input: $input) { id } }`, { input: { sessionId: session, room: 'B-204' } }, { token }),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  },
  {
    name: 'planCoverage',
    setup: async (app, world) => {
      const id = await eventOf(app, world);
      return { id, session: await addSession(app, world.hostAdmin, id, '2026-12-01T09:00', '2026-12-01T10:00') };
    },
    run: (app, _world, token, { id, session }) =>
      app.graphql(`mutation($input: PlanCoverageInput!) { planCoverage(input: $input) { id } }`, { input: { eventId: id, sessionId: session, channel: 'PHOTO' } }, { token }),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  },
  {
    name: 'assignCoverage',
    setup: async (app, world) => planCoverage(app, world.hostAdmin, await eventOf(app, world)),
    run: (app, world, token, coverage) => assignCoverage(app, { token }, coverage, world.people.EDITOR.id, world.host.id),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  },
  {
    name: 'respondToAssignment (assigned to the CONTRIBUTOR)',
    setup: assignedToContributor,
    run: (app, _world, token, coverage) =>
      app.graphql(`mutation($input: RespondToAssignmentInput!) { respondToAssignment(input: $input) { status } }`, { input: { coverageId: coverage, accept: true } }, { token }),
    expect: outcomes(['CONTRIBUTOR'], othersOf(['CONTRIBUTOR'])),
  },
  {
    name: 'updateCoverage: deliverable (in progress with the CONTRIBUTOR)',
    setup: inProgressWithContributor,
    run: (app, _world, token, coverage) => updateCoverage(app, token, coverage, { deliverableUrl: 'https://x.example/recap' }),
    expect: outcomes(ASSIGNEE_OR_MANAGERS, othersOf(ASSIGNEE_OR_MANAGERS)),
  },
  {
    name: 'updateCoverage: take back (in progress with the CONTRIBUTOR)',
    setup: inProgressWithContributor,
    run: (app, _world, token, coverage) => updateCoverage(app, token, coverage, { status: 'UNASSIGNED' }),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  },
  {
    name: 'updateCoverage: cancel (assigned to the CONTRIBUTOR)',
    setup: assignedToContributor,
    run: (app, _world, token, coverage) => updateCoverage(app, token, coverage, { status: 'CANCELLED' }),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  },
  {
    name: 'createCalendarLink (workspace)',
    run: (app, world, token) => createCalendarLink(app, { token }, world.workspace.id),
    expect: outcomes(ALL_MEMBERS),
  },
  {
    name: 'createCalendarLink (own assignments)',
    run: (app, _world, token) => createCalendarLink(app, { token }),
    expect: outcomes([...ALL_MEMBERS, 'OUTSIDER']),
  },
  {
    name: "revokeCalendarLink (the COORDINATOR's)",
    setup: async (app, world) => ok(await createCalendarLink(app, world.people.COORDINATOR, world.workspace.id)).createCalendarLink.id,
    run: (app, _world, token, link) => revokeCalendarLink(app, { token }, link),
    expect: outcomes(['COORDINATOR']),
  },
  {
    name: 'calendarLinks',
    run: (app, _world, token) => app.graphql(`{ calendarLinks { edges { node { id } } } }`, {}, { token }),
    expect: outcomes([...ALL_MEMBERS, 'OUTSIDER']),
  },
];
