import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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

/**
 * Slows, then refuses, password guessing: past a few failures in 15 minutes, each failure locks
 * the account (and, at a higher threshold, the client address) for twice as long as the last,
 * from 30 seconds up to 15 minutes. Kept in PostgreSQL so every API process sees the same counts.
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

  async assertAllowed(email: string, address: string, now = new Date()): Promise<void> {
    const rows = await this.throttles.findBy(this.keys(email, address).map(([key]) => ({ key })));
    const lockedUntil = Math.max(0, ...rows.map((row) => row.lockedUntil?.getTime() ?? 0));
    if (lockedUntil > now.getTime()) throw new RateLimitedError(Math.ceil((lockedUntil - now.getTime()) / 1000));
  }

  async recordFailure(email: string, address: string, now = new Date()): Promise<void> {
    for (const [key, rule] of this.keys(email, address)) {
      // One statement per key: concurrent failures cannot lose a count.
      await this.throttles.query(
        `INSERT INTO login_throttle (key, failures, window_started_at, locked_until)
         VALUES ($1, 1, $2, NULL)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_throttle.window_started_at < $3 THEN 1 ELSE login_throttle.failures + 1 END,
           window_started_at = CASE WHEN login_throttle.window_started_at < $3 THEN $2 ELSE login_throttle.window_started_at END`,
        [key, now, new Date(now.getTime() - WINDOW_MS)],
      );
      await this.throttles.query(
        `UPDATE login_throttle
            SET locked_until = $2::timestamptz + LEAST($4::bigint, $5::bigint * 2 ^ (failures - $3 - 1)) * interval '1 millisecond'
          WHERE key = $1 AND failures > $3`,
        [key, now, rule.freeFailures, MAX_LOCK_MS, FIRST_LOCK_MS],
      );
    }
  }

  /** A successful sign-in clears the account's count; the address keeps its own. */
  async recordSuccess(email: string): Promise<void> {
    await this.throttles.delete({ key: `account:${email}` });
  }
}
