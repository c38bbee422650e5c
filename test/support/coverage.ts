import { Caller } from './articles';
import { ok, TestApp } from './harness';

export const EVENT_FIELDS = `id status sequence startsAt endsAt localStartsAt localEndsAt timeZone
  sessions { id title { fr } startsAt endsAt localStartsAt localEndsAt }
  coverage { id status channel assignee { id } sessionId }
  gaps { id }
  conflicts { assignee { id } coverage { id } overlapsWith { id } overlapStartsAt overlapEndsAt }`;

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
    `mutation($input: AssignCoverageInput!) { assignCoverage(input: $input) { id status assignee { id } } }`,
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
    `mutation($input: UpdateCoverageInput!) { updateCoverage(input: $input) { status deliverableUrl deliverableArticleId } }`,
    { input: { coverageId, ...change } },
    { token: by.token },
  );
}
