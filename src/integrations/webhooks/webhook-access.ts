import { ActivityKind } from '../../activity';

/** What is addressed to one person (a notification, the end of a session) never leaves through a webhook. */
const PERSONAL_KINDS: ReadonlySet<string> = new Set([ActivityKind.notificationCreated]);

/** Every kind an endpoint may ask for. */
export const WEBHOOK_KINDS: readonly string[] = Object.values(ActivityKind).filter((kind) => !PERSONAL_KINDS.has(kind));

/** Why `kinds` cannot be asked for, or null. */
export function kindsRefusal(kinds: readonly string[]): string | null {
  const unknown = kinds.filter((kind) => !WEBHOOK_KINDS.includes(kind));
  return unknown.length ? `unknown or personal event kinds: ${unknown.join(', ')}` : null;
}

/** Why a URL cannot receive deliveries, or null: http(s) only, no credentials. Its address is checked at each delivery. */
export function urlRefusal(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an absolute http or https URL';
  if (url.username || url.password) return 'must not carry credentials';
  return null;
}

export interface EndpointScope {
  organizationId: string;
  workspaceId: string | null;
  events: readonly string[];
  eventsSince: Date;
}

export interface EventFacts {
  kind: string;
  createdAt: Date;
  workspaceId: string | null;
  organizationId: string | null;
  recipientId: string | null;
}

/**
 * Whether an event concerns an endpoint: one that happened since the endpoint was created or last
 * enabled, whenever it is planned; a kind it asked for; an event of the endpoint's workspace
 * when it names one; else an event of a workspace the organization takes part in, or of the
 * organization itself. Personal events never. Whether the organization may still see what the
 * event is about is decided again at each attempt.
 */
export function endpointWants(endpoint: EndpointScope, event: EventFacts, takingPart: ReadonlySet<string>): boolean {
  if (event.recipientId || event.createdAt < endpoint.eventsSince || !endpoint.events.includes(event.kind)) return false;
  if (endpoint.workspaceId && endpoint.workspaceId !== event.workspaceId) return false;
  if (!event.workspaceId) return event.organizationId === endpoint.organizationId;
  return takingPart.has(endpoint.organizationId);
}

/** The delay before attempt `attempt + 1`: doubling from `baseSeconds`, at most a day. */
export function retryDelaySeconds(attempt: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 2 ** (attempt - 1), 86_400);
}
