import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { WebSubSubscription } from './websub-subscription.entity';

const COLUMNS = `id, source_id AS "sourceId", hub_url AS "hubUrl", topic_url AS "topicUrl", secret, state,
  lease_seconds AS "leaseSeconds", lease_expires_at AS "leaseExpiresAt", renew_at AS "renewAt", requested_at AS "requestedAt",
  verified_at AS "verifiedAt", last_delivery_at AS "lastDeliveryAt", last_error AS "lastError", created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * The source goes back to polling: due at its usual interval from now at the latest (it was
 * pushed out to a day while the hub pushed).
 */
const BACK_TO_POLLING = `UPDATE watch_source SET next_fetch_at = LEAST(next_fetch_at, now() + COALESCE(fetch_interval_seconds, $2) * interval '1 second')
  WHERE id = $1`;

/** Every statement about WebSub subscriptions, and what they change of their source's schedule. */
@Injectable()
export class WebSubStore {
  constructor(private readonly dataSource: DataSource) {}

  async byId(id: string): Promise<WebSubSubscription | null> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM websub_subscription WHERE id = $1`, [id]);
    return row ?? null;
  }

  async bySourceIds(sourceIds: readonly string[]): Promise<WebSubSubscription[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM websub_subscription WHERE source_id = ANY($1::uuid[])`, [sourceIds]);
  }

  /**
   * The source's subscription to `hubUrl` for `topicUrl`, asked now: a new one (or one replacing
   * another hub's) takes `secret` and waits for verification; a renewal keeps its secret and state.
   */
  async requested(sourceId: string, hubUrl: string, topicUrl: string, secret: string): Promise<WebSubSubscription> {
    const [row] = await this.dataSource.query(
      `INSERT INTO websub_subscription (source_id, hub_url, topic_url, secret) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source_id) DO UPDATE SET requested_at = now(), updated_at = now(),
         secret = CASE WHEN websub_subscription.hub_url = $2 AND websub_subscription.topic_url = $3 THEN websub_subscription.secret ELSE $4 END,
         state = CASE WHEN websub_subscription.hub_url = $2 AND websub_subscription.topic_url = $3 AND websub_subscription.state = 'ACTIVE'
                      THEN websub_subscription.state ELSE 'PENDING' END,
         hub_url = $2, topic_url = $3
       RETURNING ${COLUMNS}`,
      [sourceId, hubUrl, topicUrl, secret],
    );
    return row;
  }

  /** The hub verified the subscription: active until the lease ends, and the source is polled daily at most meanwhile. */
  async activate(id: string, lease: { seconds: number; expiresAt: Date; renewAt: Date }, pollingSeconds: number): Promise<void> {
    await this.dataSource.transaction(async (tx: EntityManager) => {
      const [rows]: [{ sourceId: string }[], number] = await tx.query(
        `UPDATE websub_subscription SET state = 'ACTIVE', lease_seconds = $2, lease_expires_at = $3, renew_at = $4, verified_at = now(), last_error = NULL, updated_at = now()
          WHERE id = $1 RETURNING source_id AS "sourceId"`,
        [id, lease.seconds, lease.expiresAt, lease.renewAt],
      );
      if (!rows.length) return;
      await tx.query(`UPDATE watch_source SET next_fetch_at = GREATEST(next_fetch_at, LEAST($2::timestamptz, now() + $3 * interval '1 second')) WHERE id = $1`, [
        rows[0].sourceId,
        lease.expiresAt,
        pollingSeconds,
      ]);
    });
  }

  /** The hub failed, refused or denied: the subscription says why, and its source goes back to polling (`defaultSeconds` when it has no interval yet). */
  async fail(id: string, message: string, defaultSeconds: number): Promise<void> {
    await this.dataSource.transaction(async (tx: EntityManager) => {
      const [rows]: [{ sourceId: string }[], number] = await tx.query(
        `UPDATE websub_subscription SET state = 'FAILED', last_error = $2, renew_at = NULL, updated_at = now() WHERE id = $1 RETURNING source_id AS "sourceId"`,
        [id, message],
      );
      if (rows.length) await tx.query(BACK_TO_POLLING, [rows[0].sourceId, defaultSeconds]);
    });
  }

  /** Active subscriptions whose lease ended by `now`: expired, and their sources polled again. */
  async expireLapsed(now: Date, defaultSeconds: number): Promise<number> {
    return this.dataSource.transaction(async (tx: EntityManager) => {
      const [rows]: [{ sourceId: string }[], number] = await tx.query(
        `UPDATE websub_subscription SET state = 'EXPIRED', renew_at = NULL, updated_at = now()
          WHERE state = 'ACTIVE' AND lease_expires_at <= $1 RETURNING source_id AS "sourceId"`,
        [now],
      );
      for (const row of rows) await tx.query(BACK_TO_POLLING, [row.sourceId, defaultSeconds]);
      return rows.length;
    });
  }

  /**
   * Takes the active subscriptions whose renewal time came by `now`, for one renewer: their
   * renewal moves `holdSeconds` on, so another process does not renew them at the same time.
   */
  async claimRenewals(now: Date, holdSeconds: number, limit: number): Promise<WebSubSubscription[]> {
    const [rows]: [WebSubSubscription[], number] = await this.dataSource.query(
      `UPDATE websub_subscription SET renew_at = $1::timestamptz + $2 * interval '1 second'
        WHERE id IN (SELECT due.id FROM websub_subscription due WHERE due.state = 'ACTIVE' AND due.renew_at <= $1
                      ORDER BY due.renew_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING ${COLUMNS}`,
      [now, holdSeconds, limit],
    );
    return rows;
  }

  async recordDelivery(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE websub_subscription SET last_delivery_at = now() WHERE id = $1`, [id]);
  }
}
