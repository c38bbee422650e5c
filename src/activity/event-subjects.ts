/** The facts of an event that tell what it is about. */
export interface EventSubject {
  resourceType: string;
  resourceId: string;
  payload: Record<string, unknown>;
}

/**
 * The article an event is about or names: the article itself, or the one its payload names (a
 * comment's, a coverage deliverable's); else null. What is checked before the event tells anyone
 * outside the workspace of it.
 */
export function articleNamedBy(event: EventSubject): string | null {
  if (event.resourceType === 'article') return event.resourceId;
  return typeof event.payload.articleId === 'string' ? event.payload.articleId : null;
}
