/** The facts of an event that tell what it is about. */
export interface EventSubject {
  resourceType: string;
  resourceId: string;
  payload: Record<string, unknown>;
}

/** The article an event is about: the article itself, or the one its revision or comment belongs to; else null. */
export function articleOf(event: EventSubject): string | null {
  if (event.resourceType === 'article') return event.resourceId;
  return typeof event.payload.articleId === 'string' ? event.payload.articleId : null;
}
