import { ApiToken } from './api-token.entity';

/** The longest an API token may live: an integration is re-authorized at least once a year. */
export const MAX_API_TOKEN_LIFETIME_DAYS = 366;

/** Whether a stored token still works at `now`: not revoked, not expired (its creator's rights are checked apart). */
export function isUsable(token: Pick<ApiToken, 'revokedAt' | 'expiresAt'>, now: Date): boolean {
  return !token.revokedAt && token.expiresAt.getTime() > now.getTime();
}

/** What is wrong with an expiry asked for at `now`, or null: in the future, within the longest lifetime. */
export function expiryRefusal(expiresAt: Date, now: Date): string | null {
  if (expiresAt.getTime() <= now.getTime()) return 'must be in the future';
  if (expiresAt.getTime() - now.getTime() > MAX_API_TOKEN_LIFETIME_DAYS * 86_400_000) return `must be within ${MAX_API_TOKEN_LIFETIME_DAYS} days`;
  return null;
}
