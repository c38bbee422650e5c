import { createHash, randomBytes } from 'node:crypto';

/** An unguessable opaque token (refresh tokens, invitations, calendar links): 256 random bits. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored in place of an opaque token: a lookup needs no secret salt since the token is random. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
