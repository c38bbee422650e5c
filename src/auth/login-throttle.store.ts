import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LoginThrottle } from './session.entity';

/** The counts of failed sign-ins, one row per account or client address. */
@Injectable()
export class LoginThrottleStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Deletes the counts of keys with no failure counted, and no lock, since `quietSince`. */
  async pruneQuietSince(quietSince: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttle WHERE window_started_at < $1 AND (locked_until IS NULL OR locked_until < $1)`, [quietSince]);
  }

  /**
   * Adds one failure to `key`, restarting the count when its window began before `windowStart`,
   * in one statement that holds the row until `tx` ends; null when the key is locked at `now`.
   */
  async countFailure(tx: EntityManager, key: string, now: Date, windowStart: Date): Promise<number | null> {
    const counted: { failures: number }[] = await tx.query(
      `INSERT INTO login_throttle AS throttle (key, failures, window_started_at, locked_until)
       VALUES ($1, 1, $2, NULL)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN throttle.window_started_at < $3 THEN 1 ELSE throttle.failures + 1 END,
         window_started_at = CASE WHEN throttle.window_started_at < $3 THEN $2 ELSE throttle.window_started_at END
       WHERE throttle.locked_until IS NULL OR throttle.locked_until <= $2
       RETURNING failures`,
      [key, now, windowStart],
    );
    return counted.length ? counted[0].failures : null;
  }

  /** Until when `key` is locked, if it is. */
  async lockedUntil(tx: EntityManager, key: string): Promise<Date | null> {
    const [row]: { locked_until: Date | null }[] = await tx.query(`SELECT locked_until FROM login_throttle WHERE key = $1`, [key]);
    return row?.locked_until ?? null;
  }

  /** Locks `key` until `until`. */
  async lock(tx: EntityManager, key: string, until: Date): Promise<void> {
    await tx.query(`UPDATE login_throttle SET locked_until = $2 WHERE key = $1`, [key, until]);
  }

  /** Forgets every failure of `key`. */
  async clear(tx: EntityManager, key: string): Promise<void> {
    await tx.delete(LoginThrottle, { key });
  }

  /** Takes one failure back from `key`, and lifts its lock if it is `lockToLift`. */
  async takeBackFailure(tx: EntityManager, key: string, lockToLift: Date | null): Promise<void> {
    await tx.query(
      `UPDATE login_throttle
          SET failures = GREATEST(failures - 1, 0),
              locked_until = CASE WHEN locked_until = $2 THEN NULL ELSE locked_until END
        WHERE key = $1`,
      [key, lockToLift],
    );
  }
}
