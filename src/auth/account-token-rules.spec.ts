import { AccountTokenPurpose } from './account-token.entity';
import { accountTokenRefusals, newAccountToken } from './account-token-rules';

describe('account tokens', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const open = { usedAt: null, revokedAt: null, expiresAt: new Date(now.getTime() + 1) };

  it('lives a day to confirm an address and an hour to reset a password', () => {
    expect(newAccountToken(AccountTokenPurpose.VERIFY_EMAIL, now).expiresAt).toEqual(new Date('2026-12-02T12:00:00Z'));
    expect(newAccountToken(AccountTokenPurpose.RESET_PASSWORD, now).expiresAt).toEqual(new Date('2026-12-01T13:00:00Z'));
  });

  it('is 32 random bytes, never twice the same', () => {
    const { token } = newAccountToken(AccountTokenPurpose.VERIFY_EMAIL, now);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newAccountToken(AccountTokenPurpose.VERIFY_EMAIL, now).token).not.toBe(token);
  });

  it('works once, before it expires, until a newer link replaces it', () => {
    expect(accountTokenRefusals(open, now)).toEqual([]);
    expect(accountTokenRefusals({ ...open, usedAt: now }, now)).toEqual(['This link was already used']);
    expect(accountTokenRefusals({ ...open, revokedAt: now }, now)).toEqual(['A newer link replaced this one']);
    expect(accountTokenRefusals({ ...open, expiresAt: now }, now)).toEqual(['This link has expired']);
  });
});
