import { addSession, assignCoverage, createEvent, planCoverage } from '../support/coverage';
import { ok, TestApp } from '../support/harness';
import { World } from '../support/world';
import { ALL_MEMBERS, MANAGERS, MatrixAction, othersOf, outcomes } from './matrix';

const eventOf = (app: TestApp, world: World) => createEvent(app, world.hostAdmin, world.workspace.id);

async function assignedToContributor(app: TestApp, world: World): Promise<string> {
  const coverage = await planCoverage(app, world.hostAdmin, await eventOf(app, world));
  ok(await assignCoverage(app, world.hostAdmin, coverage, world.people.CONTRIBUTOR.id, world.host.id));
  return coverage;
}

/** The event coverage actions of the access policy (issue 6). */
export const coverageActions: MatrixAction[] = [
  {
    name: 'event(id)',
    setup: eventOf,
    run: (app, _world, token, id) => app.graphql(`query($id: ID!) { event(id: $id) { id gaps { id } conflicts { overlapStartsAt } } }`, { id }, { token }),
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
    name: 'updateCoverage (assigned to the CONTRIBUTOR)',
    setup: assignedToContributor,
    run: (app, _world, token, coverage) =>
      app.graphql(`mutation($input: UpdateCoverageInput!) { updateCoverage(input: $input) { status } }`, { input: { coverageId: coverage, deliverableUrl: 'https://x.example/recap' } }, { token }),
    expect: outcomes([...MANAGERS, 'CONTRIBUTOR'], othersOf([...MANAGERS, 'CONTRIBUTOR'])),
  },
  {
    name: 'respondToAssignment (assigned to the CONTRIBUTOR)',
    setup: assignedToContributor,
    run: (app, _world, token, coverage) =>
      app.graphql(`mutation($input: RespondToAssignmentInput!) { respondToAssignment(input: $input) { status } }`, { input: { coverageId: coverage, accept: true } }, { token }),
    expect: outcomes(['CONTRIBUTOR'], othersOf(['CONTRIBUTOR'])),
  },
  {
    name: 'createCalendarLink (workspace)',
    run: (app, world, token) => app.graphql(`mutation($input: CreateCalendarLinkInput!) { createCalendarLink(input: $input) { id } }`, { input: { workspaceId: world.workspace.id } }, { token }),
    expect: outcomes(ALL_MEMBERS),
  },
];
