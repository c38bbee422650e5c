import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AttemptThrottle, ThrottleRule } from './attempt-throttle';
import { LoginThrottleStore } from './login-throttle.store';

const LOCKS = { windowMs: 15 * 60_000, firstLockMs: 30_000, maxLockMs: 15 * 60_000 };
const ACCOUNT: ThrottleRule = { freeAttempts: 4, ...LOCKS };
const ADDRESS: ThrottleRule = { freeAttempts: 19, ...LOCKS };

/** A sign-in attempt already counted as a failure; a success takes it back. */
export interface LoginAttempt {
  email: string;
  address: string;
  /** The lock this attempt set on the address, if any, lifted again if the attempt succeeds. */
  addressLockedUntil: Date | null;
}

/**
 * Slows, then refuses, password guessing: past a few failures in 15 minutes, each failure locks
 * the account (and, at a higher threshold, the client address) for twice as long as the last,
 * from 30 seconds up to 15 minutes. Kept in PostgreSQL so every API process sees the same counts.
 *
 * Each attempt is counted as a failure *before* its password is checked, in one transaction
 * that also checks the locks: guesses sent in parallel cannot all pass the check before the
 * first of them is recorded.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly throttles: LoginThrottleStore,
    private readonly attempts: AttemptThrottle,
    private readonly dataSource: DataSource,
  ) {}

  private keys(email: string, address: string): [string, ThrottleRule][] {
    return [
      [`account:${email}`, ACCOUNT],
      [`address:${address}`, ADDRESS],
    ];
  }

  /** Counts the attempt, or refuses it with RATE_LIMITED while the account or the address is locked. */
  async reserveAttempt(email: string, address: string, now = new Date()): Promise<LoginAttempt> {
    return this.dataSource.transaction(async (tx) => {
      let addressLockedUntil: Date | null = null;
      // Always the account first, then the address: concurrent attempts lock rows in one order.
      for (const [key, rule] of this.keys(email, address)) {
        const lockedUntil = await this.attempts.count(tx, key, rule, now);
        if (key.startsWith('address:')) addressLockedUntil = lockedUntil;
      }
      return { email, address, addressLockedUntil };
    });
  }

  /** A successful sign-in clears the account's count and takes this attempt back from the address's. */
  async recordSuccess(attempt: LoginAttempt): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.throttles.clear(tx, `account:${attempt.email}`);
      await this.throttles.takeBackFailure(tx, `address:${attempt.address}`, attempt.addressLockedUntil);
    });
  }
}
