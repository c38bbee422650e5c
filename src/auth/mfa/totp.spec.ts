import { generate } from 'otplib';
import { isFreshTimeStep, matchingTimeStep, newTotpSecret, otpauthUri } from './totp';

const at = (seconds: number) => new Date(seconds * 1000);
const codeAt = (secret: string, seconds: number) => generate({ secret, epoch: seconds });

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = 1_796_000_010;
  const step = Math.floor(now / 30);

  it('makes a 160-bit base32 secret and an otpauth URI an authenticator app reads', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(otpauthUri(secret, 'marie@quebec.ca'));
    expect(`${uri.protocol}//${uri.host}${decodeURIComponent(uri.pathname)}`).toBe('otpauth://totp/Tandem:marie@quebec.ca');
    expect(Object.fromEntries(uri.searchParams)).toEqual(expect.objectContaining({ secret, issuer: 'Tandem' }));
  });

  it('accepts the code of the current step and of one step either side, naming the step', async () => {
    expect(await matchingTimeStep(secret, await codeAt(secret, now), at(now))).toBe(step);
    expect(await matchingTimeStep(secret, await codeAt(secret, now - 30), at(now))).toBe(step - 1);
    expect(await matchingTimeStep(secret, await codeAt(secret, now + 30), at(now))).toBe(step + 1);
  });

  it('refuses a code two steps away, a code of another secret, and what is not six digits', async () => {
    expect(await matchingTimeStep(secret, await codeAt(secret, now - 60), at(now))).toBeNull();
    expect(await matchingTimeStep(secret, await codeAt(secret, now + 60), at(now))).toBeNull();
    expect(await matchingTimeStep(newTotpSecret(), await codeAt(secret, now), at(now))).toBeNull();
    for (const code of ['12345', '1234567', '12345a', '']) expect(await matchingTimeStep(secret, code, at(now))).toBeNull();
  });

  it('takes a step only when it is later than the last one accepted', () => {
    expect(isFreshTimeStep(step, null)).toBe(true);
    expect(isFreshTimeStep(step, step - 1)).toBe(true);
    expect(isFreshTimeStep(step, step)).toBe(false);
    expect(isFreshTimeStep(step - 1, step)).toBe(false);
  });
});
