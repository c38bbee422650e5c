import { Caller } from './articles';
import { GraphQLResponse, ok, TestApp } from './harness';

export const EVENT_FIELDS = `id status sequence startsAt endsAt localStartsAt localEndsAt timeZone location
  sessions { id title { fr } startsAt endsAt localStartsAt localEndsAt sequence }
  coverage { id status channel assignee { id } sessionId deliverableUrl deliverableArticle { id } }
  gaps { id }
  conflicts { assignee { id } coverage { id } overlapsWith { id event { title { fr } } } overlapStartsAt overlapEndsAt }`;

export async function createEvent(app: TestApp, by: Caller, workspaceId: string, overrides: Record<string, unknown> = {}) {
  const data = ok(
    await app.graphql(
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          workspaceId,
          title: { fr: 'Semaine du numérique', en: 'Digital week' },
          kind: 'CONFERENCE',
          startsAt: '2026-12-01T08:00',
          endsAt: '2026-12-01T18:00',
          timeZone: 'America/Toronto',
          ...overrides,
        },
      },
      { token: by.token },
    ),
  );
  return data.createEvent.id as string;
}

export function updateEvent(app: TestApp, by: Caller, eventId: string, change: Record<string, unknown>) {
  return app.graphql(
    `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { id status sequence location url startsAt endsAt } }`,
    { input: { eventId, ...change } },
    { token: by.token },
  );
}

export async function addSession(app: TestApp, by: Caller, eventId: string, startsAt: string, endsAt: string, title = 'Atelier') {
  const data = ok(
    await app.graphql(
      `mutation($input: AddEventSessionInput!) { addEventSession(input: $input) { id } }`,
      { input: { eventId, title: { fr: title, en: title }, startsAt, endsAt } },
      { token: by.token },
    ),
  );
  return data.addEventSession.id as string;
}

export function updateSession(app: TestApp, by: Caller, sessionId: string, change: Record<string, unknown>) {
  return app.graphql(
    `mutation($input: UpdateEventSessionInput!) { updateEventSession(input: $input) { id sequence startsAt endsAt localStartsAt room } }`,
    { input: { sessionId, ...change } },
    { token: by.token },
  );
}

export async function planCoverage(app: TestApp, by: Caller, eventId: string, sessionId?: string, channel = 'LIVE_SOCIAL') {
  const data = ok(
    await app.graphql(
      `mutation($input: PlanCoverageInput!) { planCoverage(input: $input) { id status } }`,
      { input: { eventId, channel, language: 'fr', ...(sessionId ? { sessionId } : {}) } },
      { token: by.token },
    ),
  );
  return data.planCoverage.id as string;
}

export function assignCoverage(app: TestApp, by: Caller, coverageId: string, assigneeId: string, organizationId: string) {
  return app.graphql(
    `mutation($input: AssignCoverageInput!) { assignCoverage(input: $input) { id status assignee { id } assignedBy { id } } }`,
    { input: { coverageId, assigneeId, organizationId } },
    { token: by.token },
  );
}

export function respond(app: TestApp, by: Caller, coverageId: string, accept: boolean) {
  return app.graphql(
    `mutation($input: RespondToAssignmentInput!) { respondToAssignment(input: $input) { status assignee { id } } }`,
    { input: { coverageId, accept } },
    { token: by.token },
  );
}

export function updateCoverage(app: TestApp, by: Caller, coverageId: string, change: Record<string, unknown>) {
  return app.graphql(
    `mutation($input: UpdateCoverageInput!) { updateCoverage(input: $input) { status assignee { id } deliverableUrl deliverableArticle { id } } }`,
    { input: { coverageId, ...change } },
    { token: by.token },
  );
}

/** A coverage planned by `coordinator`, assigned to `assignee` (acting for `organizationId`), accepted and in progress. */
export async function coverageInProgress(app: TestApp, coordinator: Caller, eventId: string, assignee: Caller & { id: string }, organizationId: string, sessionId?: string) {
  const coverage = await planCoverage(app, coordinator, eventId, sessionId);
  ok(await assignCoverage(app, coordinator, coverage, assignee.id, organizationId));
  ok(await respond(app, assignee, coverage, true));
  ok(await updateCoverage(app, assignee, coverage, { status: 'IN_PROGRESS' }));
  return coverage;
}

export function createCalendarLink(app: TestApp, by: Caller, workspaceId?: string): Promise<GraphQLResponse> {
  return app.graphql(
    `mutation($input: CreateCalendarLinkInput!) { createCalendarLink(input: $input) { id token url workspaceId } }`,
    { input: workspaceId ? { workspaceId } : {} },
    { token: by.token },
  );
}

export function revokeCalendarLink(app: TestApp, by: Caller, calendarLinkId: string): Promise<GraphQLResponse> {
  return app.graphql(`mutation($input: RevokeCalendarLinkInput!) { revokeCalendarLink(input: $input) }`, { input: { calendarLinkId } }, { token: by.token });
}

/** The caller's notifications, as { kind, resourceId }. */
export async function notices(app: TestApp, of: Caller): Promise<{ kind: string; resourceId: string }[]> {
  const data = ok(await app.graphql(`{ notifications(first: 100) { edges { node { kind resourceId } } } }`, {}, { token: of.token }));
  return data.notifications.edges.map((edge: { node: { kind: string; resourceId: string } }) => edge.node);
}
