import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { RateLimitedError } from '../common/errors';
import { LoginThrottle } from './session.entity';

interface ThrottleRule {
  /** Failures tolerated in the window before each further one locks the key. */
  freeFailures: number;
}

const WINDOW_MS = 15 * 60_000;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
const ACCOUNT: ThrottleRule = { freeFailures: 4 };
const ADDRESS: ThrottleRule = { freeFailures: 19 };

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
  constructor(@InjectRepository(LoginThrottle) private readonly throttles: Repository<LoginThrottle>) {}

  private keys(email: string, address: string): [string, ThrottleRule][] {
    return [
      [`account:${email}`, ACCOUNT],
      [`address:${address}`, ADDRESS],
    ];
  }

  /** Counts the attempt, or refuses it with RATE_LIMITED while the account or the address is locked. */
  async reserveAttempt(email: string, address: string, now = new Date()): Promise<LoginAttempt> {
    return this.throttles.manager.transaction(async (manager) => {
      let addressLockedUntil: Date | null = null;
      // Always the account first, then the address: concurrent attempts lock rows in one order.
      for (const [key, rule] of this.keys(email, address)) {
        const lockedUntil = await this.countFailure(manager, key, rule, now);
        if (key.startsWith('address:')) addressLockedUntil = lockedUntil;
      }
      return { email, address, addressLockedUntil };
    });
  }

  /** A successful sign-in clears the account's count and takes this attempt back from the address's. */
  async recordSuccess(attempt: LoginAttempt): Promise<void> {
    await this.throttles.delete({ key: `account:${attempt.email}` });
    await this.throttles.query(
      `UPDATE login_throttle
          SET failures = GREATEST(failures - 1, 0),
              locked_until = CASE WHEN locked_until = $2 THEN NULL ELSE locked_until END
        WHERE key = $1`,
      [`address:${attempt.address}`, attempt.addressLockedUntil],
    );
  }

  /** Adds one failure to `key` unless it is locked (then throws); returns the lock this failure set. */
  private async countFailure(manager: EntityManager, key: string, rule: ThrottleRule, now: Date): Promise<Date | null> {
    // One statement that both checks the lock and counts: it holds the row until the transaction ends.
    const counted: { failures: number }[] = await manager.query(
      `INSERT INTO login_throttle AS throttle (key, failures, window_started_at, locked_until)
       VALUES ($1, 1, $2, NULL)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN throttle.window_started_at < $3 THEN 1 ELSE throttle.failures + 1 END,
         window_started_at = CASE WHEN throttle.window_started_at < $3 THEN $2 ELSE throttle.window_started_at END
       WHERE throttle.locked_until IS NULL OR throttle.locked_until <= $2
       RETURNING failures`,
      [key, now, new Date(now.getTime() - WINDOW_MS)],
    );
    if (!counted.length) {
      const [row]: { locked_until: Date | null }[] = await manager.query(`SELECT locked_until FROM login_throttle WHERE key = $1`, [key]);
      const remainingMs = (row?.locked_until?.getTime() ?? now.getTime()) - now.getTime();
      throw new RateLimitedError(Math.max(1, Math.ceil(remainingMs / 1000)));
    }
    const beyond = counted[0].failures - rule.freeFailures;
    if (beyond <= 0) return null;
    const lockedUntil = new Date(now.getTime() + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (beyond - 1)));
    await manager.query(`UPDATE login_throttle SET locked_until = $2 WHERE key = $1`, [key, lockedUntil]);
    return lockedUntil;
  }
}
