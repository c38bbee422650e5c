import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, DeepPartial, EntityManager, In, IsNull, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { byCreation, Connection, PageArgs, paginate } from '../../common/pagination';
import { WebhookDelivery, WebhookDeliveryState } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export type NewDelivery = Pick<WebhookDelivery, 'endpointId' | 'eventId' | 'kind' | 'event'>;

/** A delivery as one sender claimed it: its attempt number fences what that sender may record. */
export type Claim = Pick<WebhookDelivery, 'id' | 'attempts'>;

const fenced = ({ id, attempts }: Claim) => ({ id, attempts, state: WebhookDeliveryState.SENDING });

/** Every query of webhook endpoints and their deliveries. */
@Injectable()
export class WebhookStore {
  constructor(
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    private readonly dataSource: DataSource,
  ) {}

  findEndpoint(id: string): Promise<WebhookEndpoint | null> {
    return this.endpoints.findOneBy({ id });
  }

  findEndpoints(ids: readonly string[]): Promise<WebhookEndpoint[]> {
    return ids.length ? this.endpoints.findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }

  /** One page of an organization's endpoints, newest first. */
  pageOfOrganization(organizationId: string, page: PageArgs): Promise<Connection<WebhookEndpoint>> {
    const query = this.endpoints.createQueryBuilder('endpoint').where('endpoint.organization_id = :organizationId', { organizationId });
    return paginate(query, page, byCreation('endpoint', 'DESC'));
  }

  /** The enabled endpoints that asked for one of `kinds`. */
  enabledFor(kinds: readonly string[], tx: EntityManager): Promise<WebhookEndpoint[]> {
    return tx
      .createQueryBuilder(WebhookEndpoint, 'endpoint')
      .where('endpoint.disabled_at IS NULL AND endpoint.events && :kinds', { kinds: [...kinds] })
      .getMany();
  }

  insertEndpoint(tx: EntityManager, fields: DeepPartial<WebhookEndpoint>): Promise<WebhookEndpoint> {
    return tx.save(tx.create(WebhookEndpoint, fields));
  }

  async deleteEndpoint(tx: EntityManager, id: string): Promise<void> {
    await tx.delete(WebhookEndpoint, { id });
  }

  /** Enables the endpoint for the events from now on. */
  async enableEndpoint(tx: EntityManager, id: string): Promise<void> {
    await tx.update(WebhookEndpoint, { id }, { disabledAt: null, disabledReason: null, consecutiveFailures: 0, eventsSince: () => 'now()' });
  }

  /** Disables the endpoint, unless it already is; whether it was enabled. What waits for it waits until it is enabled again. */
  async disableEndpoint(tx: EntityManager, id: string, reason: string): Promise<boolean> {
    const result = await tx.update(WebhookEndpoint, { id, disabledAt: IsNull() }, { disabledAt: new Date(), disabledReason: reason });
    return !!result.affected;
  }

  /** Adds the deliveries, once per endpoint and event (a replayed batch adds none twice). */
  async insertDeliveries(tx: EntityManager, deliveries: NewDelivery[]): Promise<void> {
    if (!deliveries.length) return;
    // TypeORM's partial type cannot take the JSON facts typed as a record; the rows are whole.
    await tx.createQueryBuilder().insert().into(WebhookDelivery).values(deliveries as QueryDeepPartialEntity<WebhookDelivery>[]).orIgnore().execute();
  }

  /**
   * Claims up to `limit` deliveries due now for `leaseSeconds`: waiting ones of enabled endpoints,
   * and those whose sender died holding them (their lease ran out). An endpoint never has more than
   * `perEndpoint` in flight, whichever processes send them: those other senders hold under a live
   * lease count against it, so a receiver that hangs holds up only its own share. Claims take turns
   * under an advisory lock of their transaction (not of the session: it holds behind PgBouncer in
   * transaction mode), and the UPDATE, a statement after it, sees every claim committed before:
   * two senders never both take the last slot of an endpoint, nor the same delivery. Its times are
   * its own (statement_timestamp; the transaction's now() precedes the wait for the lock), so a
   * lease never starts in the past. Each claim counts an attempt; a record of its outcome names that
   * attempt, so a sender whose lease ran out cannot overwrite what the next one recorded.
   */
  claimDue(limit: number, perEndpoint: number, leaseSeconds: number): Promise<WebhookDelivery[]> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('webhook_delivery'), hashtext('claim'))`);
      // An UPDATE answers [rows, count].
      const [claimed]: [{ id: string }[], number] = await tx.query(
        `UPDATE webhook_delivery SET state = 'SENDING', attempts = attempts + 1, next_attempt_at = statement_timestamp() + make_interval(secs => $3)
          WHERE id IN (
            SELECT id FROM (
              SELECT d.id, d.next_attempt_at, row_number() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at) AS nth,
                     coalesce(sending.count, 0) AS in_flight
                FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id AND e.disabled_at IS NULL
                LEFT JOIN (SELECT endpoint_id, count(*) AS count FROM webhook_delivery WHERE state = 'SENDING' AND next_attempt_at > statement_timestamp() GROUP BY endpoint_id) sending
                  ON sending.endpoint_id = d.endpoint_id
               WHERE d.state IN ('PENDING', 'SENDING') AND d.next_attempt_at <= statement_timestamp()) due
             WHERE due.nth <= $2 - due.in_flight ORDER BY due.next_attempt_at LIMIT $1)
            AND state IN ('PENDING', 'SENDING') AND next_attempt_at <= statement_timestamp()
          RETURNING id`,
        [limit, perEndpoint, leaseSeconds],
      );
      return claimed.length ? tx.findBy(WebhookDelivery, { id: In(claimed.map((row) => row.id)) }) : [];
    });
  }

  /** Fails for good what a sender died holding at its last attempt, instead of trying once more. */
  async failAbandoned(maxAttempts: number): Promise<void> {
    await this.deliveries.query(
      `UPDATE webhook_delivery SET state = 'FAILED', last_error = 'The sender stopped during the last attempt'
        WHERE state = 'SENDING' AND next_attempt_at <= now() AND attempts >= $1`,
      [maxAttempts],
    );
  }

  async recordDelivered(claim: Claim, responseStatus: number): Promise<void> {
    await this.deliveries.update(fenced(claim), { state: WebhookDeliveryState.DELIVERED, responseStatus, lastError: null, deliveredAt: new Date() });
  }

  async recordWithheld(claim: Claim): Promise<void> {
    await this.deliveries.update(fenced(claim), { state: WebhookDeliveryState.WITHHELD });
  }

  /** A failed attempt: to try again at `retryAt`, or failed for good without one; whether it was this claim's to record. */
  async recordFailure(tx: EntityManager, claim: Claim, failure: { responseStatus: number | null; error: string; retryAt: Date | null }): Promise<boolean> {
    const result = await tx.update(
      WebhookDelivery,
      fenced(claim),
      failure.retryAt
        ? { state: WebhookDeliveryState.PENDING, nextAttemptAt: failure.retryAt, responseStatus: failure.responseStatus, lastError: failure.error }
        : { state: WebhookDeliveryState.FAILED, responseStatus: failure.responseStatus, lastError: failure.error },
    );
    return !!result.affected;
  }

  /** One more delivery in a row failed for good for the endpoint; how many now. */
  async countFailure(tx: EntityManager, endpointId: string): Promise<number> {
    const [rows]: [{ consecutive_failures: number }[], number] = await tx.query(
      `UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1 WHERE id = $1 RETURNING consecutive_failures`,
      [endpointId],
    );
    return rows[0]?.consecutive_failures ?? 0;
  }

  async resetFailures(endpointId: string): Promise<void> {
    await this.endpoints.query(`UPDATE webhook_endpoint SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures <> 0`, [endpointId]);
  }

  /** Forgets the deliveries settled before `before`. */
  async pruneDeliveries(before: Date): Promise<void> {
    await this.deliveries.query(`DELETE FROM webhook_delivery WHERE state IN ('DELIVERED', 'FAILED', 'WITHHELD') AND created_at < $1`, [before]);
  }

  /** One page of an endpoint's deliveries, newest first. */
  pageOfDeliveries(endpointId: string, page: PageArgs): Promise<Connection<WebhookDelivery>> {
    const query = this.deliveries.createQueryBuilder('delivery').where('delivery.endpoint_id = :endpointId', { endpointId });
    return paginate(query, page, byCreation('delivery', 'DESC'));
  }
}
