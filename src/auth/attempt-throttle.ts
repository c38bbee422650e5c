import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RateLimitedError } from '../common/errors';
import { LoginThrottleStore } from './login-throttle.store';

/** How a throttled key slows down: a few attempts free in the window, then locks that double. */
export interface ThrottleRule {
  /** Attempts tolerated in the window before each further one locks the key. */
  freeAttempts: number;
  windowMs: number;
  /** The first lock; each further attempt past the free ones doubles it, up to the maximum. */
  firstLockMs: number;
  maxLockMs: number;
}

/**
 * Counts attempts per key (an account, a client address, a target address) in PostgreSQL, so
 * every API process sees the same counts, and refuses with RATE_LIMITED while a key is locked.
 * Sign-in counts its failures here; the account mails (registration, verification, reset) count
 * every request.
 */
@Injectable()
export class AttemptThrottle {
  constructor(private readonly throttles: LoginThrottleStore) {}

  /** Adds one attempt to `key` unless it is locked (then throws); returns the lock this attempt set. */
  async count(tx: EntityManager, key: string, rule: ThrottleRule, now: Date): Promise<Date | null> {
    const attempts = await this.throttles.countFailure(tx, key, now, new Date(now.getTime() - rule.windowMs));
    if (attempts === null) {
      const remainingMs = ((await this.throttles.lockedUntil(tx, key))?.getTime() ?? now.getTime()) - now.getTime();
      throw new RateLimitedError(Math.max(1, Math.ceil(remainingMs / 1000)));
    }
    const beyond = attempts - rule.freeAttempts;
    if (beyond <= 0) return null;
    const lockedUntil = new Date(now.getTime() + Math.min(rule.maxLockMs, rule.firstLockMs * 2 ** (beyond - 1)));
    await this.throttles.lock(tx, key, lockedUntil);
    return lockedUntil;
  }
}
