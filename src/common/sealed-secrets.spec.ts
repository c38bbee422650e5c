import { deriveKey, open, seal } from './sealed-secrets';

describe('sealing secrets the server reads back (AES-256-GCM)', () => {
  const key = deriveKey('a configuration secret of enough length, 32+', 'totp-secret');
  const secret = 'F5T6EWNHBO2Z2V672DZGLRGEFQM3L6EK';

  it('opens what it sealed, for the same owner, and never seals the same way twice', () => {
    const sealed = seal(key, 'user-1', secret);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(secret);
    expect(open(key, 'user-1', sealed)).toBe(secret);
    expect(seal(key, 'user-1', secret)).not.toBe(sealed);
  });

  it('refuses to open for another owner, with another key, or once altered', () => {
    const sealed = seal(key, 'user-1', secret);
    expect(() => open(key, 'user-2', sealed)).toThrow();
    expect(() => open(deriveKey('another configuration secret of enough length', 'totp-secret'), 'user-1', sealed)).toThrow();
    const [prefix, iv, tag, ciphertext] = sealed.split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    expect(() => open(key, 'user-1', [prefix, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => open(key, 'user-1', 'not sealed')).toThrow();
  });

  it('derives a different key for each purpose from the same secret', () => {
    expect(deriveKey('s'.repeat(32), 'totp-secret').equals(deriveKey('s'.repeat(32), 'recovery-code'))).toBe(false);
    expect(deriveKey('s'.repeat(32), 'totp-secret')).toHaveLength(32);
  });
});
