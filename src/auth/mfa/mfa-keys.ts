import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { deriveKey, open, seal } from '../../common/sealed-secrets';
import { AppConfig } from '../../config/config';

/**
 * The keys of the second factor: one encrypts TOTP secrets at rest, another keys the hashes of
 * recovery codes. Both derive from MFA_ENCRYPTION_KEY, or in development and tests (production
 * requires the setting) from the JWT secret, under a purpose of their own so neither is the JWT key.
 */
@Injectable()
export class MfaKeys {
  private readonly secretKey: Buffer;
  private readonly recoveryCodeKey: Buffer;

  constructor(config: AppConfig) {
    const secret = config.MFA_ENCRYPTION_KEY ?? config.jwtSecret;
    this.secretKey = deriveKey(secret, 'totp-secret');
    this.recoveryCodeKey = deriveKey(secret, 'recovery-code');
  }

  sealSecret(userId: string, secret: string): string {
    return seal(this.secretKey, userId, secret);
  }

  openSecret(userId: string, sealed: string): string {
    return open(this.secretKey, userId, sealed);
  }

  /**
   * What is stored of a recovery code: an HMAC-SHA256 under a server key, not argon2. The codes
   * are 50 random bits, not chosen by people, so a slow hash buys nothing against guessing (the
   * attempts are throttled) while the key keeps a stolen database from testing codes offline; and
   * a keyed hash is looked up directly instead of verifying a code against each of ten slow hashes.
   */
  recoveryCodeHash(code: string): string {
    return createHmac('sha256', this.recoveryCodeKey).update(code).digest('hex');
  }
}
