import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_KINDS, NotificationKind } from './notification-kind';

/**
 * One-click unsubscribe links (RFC 8058): the address names whom and what it stops, and carries an
 * HMAC over exactly that, so it works without signing in and cannot be bent to another person,
 * kind or workspace. No kind: the daily digest (its own link); no workspace: every workspace.
 */
export interface UnsubscribeScope {
  userId: string;
  kind: NotificationKind | null;
  workspaceId: string | null;
}

export const UNSUBSCRIBE_PATH = '/notifications/unsubscribe';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The link's key, derived from the server's signing secret for this one purpose. */
export function unsubscribeKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('tandem:notification-unsubscribe').digest();
}

function signatureOf(key: Buffer, scope: UnsubscribeScope): Buffer {
  return createHmac('sha256', key).update([scope.userId, scope.kind ?? '*', scope.workspaceId ?? '*'].join('\n')).digest();
}

/** The query string of the link: user, kind and workspace (when named), signature. */
export function unsubscribeQuery(key: Buffer, scope: UnsubscribeScope): string {
  const query = new URLSearchParams({ user: scope.userId });
  if (scope.kind) query.set('kind', scope.kind);
  if (scope.workspaceId) query.set('workspace', scope.workspaceId);
  query.set('signature', signatureOf(key, scope).toString('base64url'));
  return query.toString();
}

/** The scope a link's query names when its signature is right; null for a malformed or tampered one. */
export function verifiedScope(key: Buffer, query: Record<string, unknown>): UnsubscribeScope | null {
  const { user, kind, workspace, signature } = query;
  if (typeof user !== 'string' || !UUID.test(user) || typeof signature !== 'string') return null;
  if (kind !== undefined && !NOTIFICATION_KINDS.includes(kind as NotificationKind)) return null;
  if (workspace !== undefined && (typeof workspace !== 'string' || !UUID.test(workspace))) return null;
  const scope: UnsubscribeScope = { userId: user.toLowerCase(), kind: (kind as NotificationKind | undefined) ?? null, workspaceId: workspace?.toLowerCase() ?? null };
  const given = Buffer.from(signature, 'base64url');
  const expected = signatureOf(key, scope);
  return given.length === expected.length && timingSafeEqual(given, expected) ? scope : null;
}
