import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { networkOf } from '../common/client-network';
import { AttemptThrottle, ThrottleRule } from './attempt-throttle';
import { LoginThrottleStore } from './login-throttle.store';

const LOCKS = { windowMs: 15 * 60_000, firstLockMs: 30_000, maxLockMs: 15 * 60_000 };
const ACCOUNT: ThrottleRule = { freeAttempts: 4, ...LOCKS };
const ADDRESS: ThrottleRule = { freeAttempts: 19, ...LOCKS };

/** A sign-in attempt (or a password confirmation) already counted as a failure; a success takes it back. */
export interface LoginAttempt {
  /** What is guessed at: an account at sign-in, a signed-in person's password confirmation. */
  accountKey: string;
  address: string;
  /** The lock this attempt set on the address, if any, lifted again if the attempt succeeds. */
  addressLockedUntil: Date | null;
}

/** The count of a client address: of an IPv6 one, its /64 (networkOf). */
const addressKeyOf = (address: string) => `address:${networkOf(address)}`;

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

  /** Counts the sign-in attempt, or refuses it with RATE_LIMITED while the account or the address is locked. */
  reserveAttempt(email: string, address: string, now = new Date()): Promise<LoginAttempt> {
    return this.reserve(`account:${email}`, address, now);
  }

  /**
   * Counts a signed-in person's password confirmation (PasswordConfirmation) the same way, on a key
   * of its own: failed sign-ins by whoever knows the address never stop the owner's confirmations,
   * nor the other way round. The client address counts as at sign-in.
   */
  reserveConfirmation(userId: string, address: string, now = new Date()): Promise<LoginAttempt> {
    return this.reserve(`confirmation:${userId}`, address, now);
  }

  private reserve(accountKey: string, address: string, now: Date): Promise<LoginAttempt> {
    const addressKey = addressKeyOf(address);
    return this.dataSource.transaction(async (tx) => {
      // Always the account first, then the address: concurrent attempts lock rows in one order.
      await this.attempts.count(tx, accountKey, ACCOUNT, now);
      const addressLockedUntil = await this.attempts.count(tx, addressKey, ADDRESS, now);
      return { accountKey, address, addressLockedUntil };
    });
  }

  /** A success clears the account's (or the person's) count and takes this attempt back from the address's. */
  async recordSuccess(attempt: LoginAttempt): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.throttles.clear(tx, attempt.accountKey);
      await this.throttles.takeBackFailure(tx, addressKeyOf(attempt.address), attempt.addressLockedUntil);
    });
  }
}
