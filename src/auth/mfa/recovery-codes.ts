import { randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;

/** Crockford's base32, lower-case: no i, l, o or u, so that what is read aloud or copied by hand survives. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** The letters Crockford's base32 reads as the digits they look like. */
const LOOK_ALIKES: Record<string, string> = { i: '1', l: '1', o: '0' };
const SYMBOLS = 10;

/** Ten single-use codes such as `k7m2q-x9trb`: 50 random bits each, grouped for reading aloud. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const symbols = Array.from({ length: SYMBOLS }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${symbols.slice(0, 5)}-${symbols.slice(5)}`;
  });
}

/** A code as typed (any case, blanks or dashes anywhere) in the form it was issued, or null when it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const symbols = typed
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/[ilo]/g, (letter) => LOOK_ALIKES[letter]);
  if (symbols.length !== SYMBOLS || [...symbols].some((symbol) => !ALPHABET.includes(symbol))) return null;
  return `${symbols.slice(0, 5)}-${symbols.slice(5)}`;
}
