import { BadUserInputError } from '../../common/errors';
import { isChallengeUsable, secondFactorOf } from './mfa-rules';

describe('MFA rules', () => {
  it('takes exactly one of a code and a recovery code', () => {
    expect(secondFactorOf({ code: '123456' })).toEqual({ kind: 'code', code: '123456' });
    expect(secondFactorOf({ code: null, recoveryCode: 'k7m2q-x9trb' })).toEqual({ kind: 'recoveryCode', recoveryCode: 'k7m2q-x9trb' });
    for (const input of [{}, { code: null, recoveryCode: null }, { code: '123456', recoveryCode: 'k7m2q-x9trb' }]) {
      expect(() => secondFactorOf(input)).toThrow(BadUserInputError);
    }
  });

  it('uses a login challenge once, before it expires', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const later = new Date(now.getTime() + 1);
    expect(isChallengeUsable({ usedAt: null, expiresAt: later }, now)).toBe(true);
    expect(isChallengeUsable({ usedAt: null, expiresAt: now }, now)).toBe(false);
    expect(isChallengeUsable({ usedAt: now, expiresAt: later }, now)).toBe(false);
  });
});
