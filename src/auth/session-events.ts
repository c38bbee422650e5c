import { ActivityKind, NewActivityEvent } from '../activity';
import { AuthSession } from './session.entity';

/** The stream event of an ended session: it closes the session's live connections in every process. */
export function sessionEnded(session: Pick<AuthSession, 'id' | 'userId'>, reason: string): NewActivityEvent {
  return { kind: ActivityKind.sessionEnded, resourceType: 'session', resourceId: session.id, recipientId: session.userId, payload: { reason } };
}
