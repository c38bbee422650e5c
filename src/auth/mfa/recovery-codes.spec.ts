import { newRecoveryCodes, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes';

describe('recovery codes', () => {
  it('are ten different codes of ten Crockford base32 symbols in two groups', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  });

  it('are read however they are typed: any case, blanks or dashes anywhere, look-alike letters', () => {
    expect(normalizeRecoveryCode('k7m2q-x9trb')).toBe('k7m2q-x9trb');
    expect(normalizeRecoveryCode(' K7M2Q X9TRB ')).toBe('k7m2q-x9trb');
    expect(normalizeRecoveryCode('k7m2qx9trb')).toBe('k7m2q-x9trb');
    expect(normalizeRecoveryCode('k7m2q-x9tr-b')).toBe('k7m2q-x9trb');
    expect(normalizeRecoveryCode('abcdO-1lIxy')).toBe('abcd0-111xy');
  });

  it('refuse what cannot be a code: wrong length, a symbol outside the alphabet', () => {
    expect(normalizeRecoveryCode('k7m2q-x9tr')).toBeNull();
    expect(normalizeRecoveryCode('k7m2q-x9trbb')).toBeNull();
    expect(normalizeRecoveryCode('k7m2q-x9tru')).toBeNull();
    expect(normalizeRecoveryCode('k7m2q_x9trb')).toBeNull();
    expect(normalizeRecoveryCode('')).toBeNull();
  });
});
