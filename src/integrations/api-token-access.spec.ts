import { expiryRefusal, isUsable, MAX_API_TOKEN_LIFETIME_DAYS } from './api-token-access';

const now = new Date('2026-06-01T12:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('API token rules', () => {
  it('a token works until it expires or is revoked', () => {
    expect(isUsable({ revokedAt: null, expiresAt: later(1) }, now)).toBe(true);
    expect(isUsable({ revokedAt: null, expiresAt: now }, now)).toBe(false);
    expect(isUsable({ revokedAt: later(-1), expiresAt: later(1000) }, now)).toBe(false);
  });

  it('an expiry is in the future and within the longest lifetime', () => {
    expect(expiryRefusal(later(1000), now)).toBeNull();
    expect(expiryRefusal(now, now)).toBe('must be in the future');
    expect(expiryRefusal(later(MAX_API_TOKEN_LIFETIME_DAYS * 86_400_000), now)).toBeNull();
    expect(expiryRefusal(later(MAX_API_TOKEN_LIFETIME_DAYS * 86_400_000 + 1), now)).toMatch(/within/);
  });
});
