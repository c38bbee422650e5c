/**
 * A gap is a session with no coverage that is not cancelled: the one definition of it, for an
 * event's `gaps` and for the search filter `uncovered`. `session` is the SQL alias of a session row.
 */
export function isGapSql(session: string): string {
  return `NOT EXISTS (SELECT 1 FROM coverage c WHERE c.session_id = ${session}.id AND c.status <> 'CANCELLED')`;
}

/** Whether the event aliased `event` has a session that is a gap. */
export function hasGapSql(event: string): string {
  return `EXISTS (SELECT 1 FROM event_session gap WHERE gap.event_id = ${event}.id AND ${isGapSql('gap')})`;
}
