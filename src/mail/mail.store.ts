import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MessageState, OutboundMessage } from './outbound-message.entity';

/** A message as the outbox stores it before it has an id. */
export interface NewMessage {
  userId: string | null;
  address: string | null;
  language: string | null;
  template: string;
  params: Record<string, unknown>;
  idempotencyKey: string;
  messageId: string;
}

/** How a sender's attempt ended: what the message becomes. */
export type AttemptOutcome =
  | { state: MessageState.sent; params: Record<string, unknown> }
  | { state: MessageState.failed | MessageState.cancelled; reason: string; params: Record<string, unknown> }
  | { state: MessageState.queued; reason: string; retryAt: Date };

const MESSAGE_COLUMNS = `id, user_id AS "userId", address, language, template, params, idempotency_key AS "idempotencyKey", state,
  attempts, next_attempt_at AS "nextAttemptAt", last_error AS "lastError", message_id AS "messageId", sent_at AS "sentAt", created_at AS "createdAt"`;

/** Due: queued and its back-off over, or sending and its sender's lease over (the sender died). */
const DUE = `state IN ('queued', 'sending') AND next_attempt_at <= $1`;

@Injectable()
export class MailStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Deletes the messages that were sent, failed or cancelled and queued before `endedBefore` (a
   * message ends within its retries' back-off of being queued); those still to send stay.
   */
  async pruneFinishedBefore(endedBefore: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM outbound_message WHERE state IN ('sent', 'failed', 'cancelled') AND created_at < $1`, [endedBefore]);
  }

  /** In the caller's transaction; a key already in the outbox keeps its message. */
  async enqueue(tx: EntityManager, messages: NewMessage[]): Promise<void> {
    await tx.query(
      `INSERT INTO outbound_message (user_id, address, language, template, params, idempotency_key, message_id)
       SELECT "userId", address, language, template, params, "idempotencyKey", "messageId"
         FROM jsonb_to_recordset($1::jsonb) AS m("userId" uuid, address text, language text, template text, params jsonb, "idempotencyKey" text, "messageId" text)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [JSON.stringify(messages)],
    );
  }

  /**
   * Takes up to `limit` due messages (or the one of `id`) for a sender until `leaseUntil`, counting
   * an attempt each; messages another sender is claiming are skipped, not waited for. Oldest first.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number, id?: string): Promise<OutboundMessage[]> {
    const [rows]: [OutboundMessage[], number] = await this.dataSource.query(
      `UPDATE outbound_message SET state = 'sending', attempts = attempts + 1, next_attempt_at = $2
        WHERE id IN (SELECT id FROM outbound_message WHERE ${DUE} AND ($4::uuid IS NULL OR id = $4)
                      ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING ${MESSAGE_COLUMNS}`,
      [now, leaseUntil, limit, id ?? null],
    );
    return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  }

  /**
   * Extends the lease of a claimed message by `leaseSeconds` from now, if it is still attempt
   * number `attempt`'s (no other sender took it when the lease ran out). Returns whether it is.
   */
  async renewClaim(id: string, attempt: number, leaseSeconds: number): Promise<boolean> {
    const [rows]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE outbound_message SET next_attempt_at = now() + $3 * interval '1 second'
        WHERE id = $1 AND attempts = $2 AND state = 'sending' RETURNING id`,
      [id, attempt, leaseSeconds],
    );
    return rows.length > 0;
  }

  /** The ids of messages due at `now`, oldest first (what is put on the queue with REDIS_URL). */
  async dueIds(now: Date, limit: number): Promise<{ id: string; attempts: number; state: string }[]> {
    return this.dataSource.query(`SELECT id, attempts, state FROM outbound_message WHERE ${DUE} ORDER BY next_attempt_at, id LIMIT $2`, [now, limit]);
  }

  /**
   * Records how attempt number `attempt` ended, if the message is still that attempt's (a sender
   * whose lease ran out records nothing). Returns whether it did.
   */
  async finishAttempt(id: string, attempt: number, outcome: AttemptOutcome): Promise<boolean> {
    const done = outcome.state !== MessageState.queued;
    const [, affected] = await this.dataSource.query(
      `UPDATE outbound_message
          SET state = $3, last_error = $4, params = COALESCE($5::jsonb, params), sent_at = $6, next_attempt_at = COALESCE($7, next_attempt_at)
        WHERE id = $1 AND attempts = $2 AND state = 'sending'`,
      [
        id,
        attempt,
        outcome.state,
        'reason' in outcome ? outcome.reason : null,
        done ? JSON.stringify(outcome.params) : null,
        outcome.state === MessageState.sent ? new Date() : null,
        outcome.state === MessageState.queued ? outcome.retryAt : null,
      ],
    );
    return affected > 0;
  }

  /** Hands claimed messages back untried (a sender stopping), due at once, their attempt not counted. */
  async release(messages: { id: string; attempts: number }[]): Promise<void> {
    if (!messages.length) return;
    await this.dataSource.query(
      `UPDATE outbound_message m SET state = 'queued', attempts = m.attempts - 1, next_attempt_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, attempts int)
        WHERE m.id = r.id AND m.attempts = r.attempts AND m.state = 'sending'`,
      [JSON.stringify(messages.map(({ id, attempts }) => ({ id, attempts })))],
    );
  }

  async byId(id: string): Promise<OutboundMessage | null> {
    const [row] = await this.dataSource.query(`SELECT ${MESSAGE_COLUMNS} FROM outbound_message WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** The newest messages first, for the development mailbox and `npm run mail:list`. */
  async latest(limit: number): Promise<OutboundMessage[]> {
    return this.dataSource.query(`SELECT ${MESSAGE_COLUMNS} FROM outbound_message ORDER BY created_at DESC, id LIMIT $1`, [limit]);
  }

  /** How many messages wait or are being sent, and how many failed, for the metrics. */
  async backlog(): Promise<Record<'queued' | 'sending' | 'failed', number>> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE state = 'queued')::int AS queued, count(*) FILTER (WHERE state = 'sending')::int AS sending,
              count(*) FILTER (WHERE state = 'failed')::int AS failed
         FROM outbound_message WHERE state IN ('queued', 'sending', 'failed')`,
    );
    return row;
  }
}
