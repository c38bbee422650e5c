import { newOpaqueToken } from '../common/tokens';
import { AccountTokenPurpose } from './account-token.entity';

/** How long a mailed link works: a day to confirm an address, an hour to reset a password. */
export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  [AccountTokenPurpose.VERIFY_EMAIL]: 24 * 3600_000,
  [AccountTokenPurpose.RESET_PASSWORD]: 3600_000,
};

/** A fresh link's secret (32 random bytes) and its expiry. */
export function newAccountToken(purpose: AccountTokenPurpose, now: Date): { token: string; expiresAt: Date } {
  return { token: newOpaqueToken(), expiresAt: new Date(now.getTime() + ACCOUNT_TOKEN_TTL_MS[purpose]) };
}

/** Why a link can no longer be used (none: it can): used, replaced by a newer one, or expired. */
export function accountTokenRefusals(token: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): string[] {
  return [
    ...(token.usedAt ? ['This link was already used'] : []),
    ...(token.revokedAt && !token.usedAt ? ['A newer link replaced this one'] : []),
    ...(token.expiresAt.getTime() <= now.getTime() ? ['This link has expired'] : []),
  ];
}
