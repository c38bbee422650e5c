import { generateSecret, generateURI, verify } from 'otplib';

/**
 * Time-based one-time passwords as authenticator apps compute them (RFC 6238): SHA-1, 6 digits,
 * a 30-second step. A code one step early or late is accepted, for clocks that drift and codes
 * typed as the step turns.
 */
const PERIOD_SECONDS = 30;
const TOLERANCE_SECONDS = PERIOD_SECONDS;
const ISSUER = 'Tandem';

/** A new shared secret, in base32: 20 random bytes, the length RFC 4226 recommends for SHA-1. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** What an authenticator app scans (as a QR code) or is given: `otpauth://totp/Tandem:<label>?secret=…`. */
export function otpauthUri(secret: string, label: string): string {
  return generateURI({ issuer: ISSUER, label, secret, algorithm: 'sha1', digits: 6, period: PERIOD_SECONDS });
}

/** The time step `code` was computed for, when it is right for `secret` at `now` (give or take one step); else null. */
export async function matchingTimeStep(secret: string, code: string, now: Date): Promise<number | null> {
  // otplib throws on anything but six digits; the inputs refuse those before they get here.
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    period: PERIOD_SECONDS,
    algorithm: 'sha1',
    digits: 6,
    epochTolerance: TOLERANCE_SECONDS,
  });
  // The functional API also speaks HOTP, whose results have no time step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** A code is accepted once: only at a time step later than the last one accepted of the same person. */
export function isFreshTimeStep(step: number, lastUsedStep: number | null): boolean {
  return lastUsedStep === null || step > lastUsedStep;
}
