import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { ActivityKind, ActivityStream } from '../activity';
import { ExpiringMap } from '../common/expiring-map';
import { AppConfig } from '../config/config';

/** What a request needs of an open session. */
export interface OpenSession {
  secondFactor: boolean;
}

interface Remembered extends OpenSession {
  userId: string;
}

/** Enough for every session active within SESSION_CACHE_SECONDS on one process; past it, the oldest go first. */
const MAX_SESSIONS = 50_000;

/** The sessions a transaction changed, on its query runner: forgotten again once it commits. */
const CHANGED_SESSIONS = 'changedSessions';

/** When a read of a session began, in forgettings: a read that saw one happen meanwhile may have read the past. */
export type ReadMark = number;

/**
 * The sessions this process found open in the last SESSION_CACHE_SECONDS, so that a client's next
 * requests skip the session's statement. Only "open" is remembered, never "ended": what it can get
 * wrong is bounded to that window. A session changed through SessionStore is forgotten in this
 * process when the change is made and again when it commits; one ended in another process when its
 * session.ended event arrives on the activity stream (followed while anything is remembered). A read
 * during which anything was forgotten is not remembered: it may have seen the session before the end.
 */
@Injectable()
export class SessionCache implements EntitySubscriberInterface, OnModuleDestroy {
  private readonly sessions = new ExpiringMap<string, Remembered>(MAX_SESSIONS);
  private readonly ttlMs: number;
  private forgettings = 0;
  private unfollow?: () => void;

  constructor(
    config: AppConfig,
    private readonly stream: ActivityStream,
    dataSource: DataSource,
  ) {
    this.ttlMs = config.SESSION_CACHE_SECONDS * 1000;
    // A TypeORM subscriber sees every commit: a session changed in a transaction is forgotten again after it.
    dataSource.subscribers.push(this);
  }

  /** The session, if this process found it open less than SESSION_CACHE_SECONDS ago. */
  get(sessionId: string, userId: string): OpenSession | undefined {
    const remembered = this.sessions.get(sessionId);
    return remembered?.userId === userId ? remembered : undefined;
  }

  /** To take before reading a session from the database, and give back to `remember`. */
  readMark(): ReadMark {
    return this.forgettings;
  }

  /**
   * Remembers what a read begun at `mark` found, unless a session was forgotten since: that read may
   * have seen the session before its end committed (here, or in another process whose event came in
   * meanwhile), and remembering it would outlive the end.
   */
  remember(sessionId: string, userId: string, session: OpenSession, mark: ReadMark): void {
    if (!this.ttlMs || mark !== this.forgettings) return;
    this.unfollow ??= this.stream.follow((event) => {
      if (event.kind === ActivityKind.sessionEnded) this.forget([event.resourceId]);
    });
    this.sessions.set(sessionId, { userId, secondFactor: session.secondFactor }, Date.now() + this.ttlMs);
  }

  /** Forgets sessions `tx` changes, now and again once `tx` commits: a read between the two saw them unchanged. */
  forgetChangedIn(tx: EntityManager, sessionIds: readonly string[]): void {
    this.forget(sessionIds);
    const data = tx.queryRunner?.data as Record<string, string[] | undefined> | undefined;
    if (data) data[CHANGED_SESSIONS] = [...(data[CHANGED_SESSIONS] ?? []), ...sessionIds];
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // A savepoint's release commits nothing yet: wait for the outer commit.
    const changed = (queryRunner.data as Record<string, string[] | undefined>)[CHANGED_SESSIONS];
    if (queryRunner.isTransactionActive || !changed) return;
    delete queryRunner.data[CHANGED_SESSIONS];
    this.forget(changed);
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) delete queryRunner.data[CHANGED_SESSIONS];
  }

  private forget(sessionIds: readonly string[]): void {
    this.forgettings++;
    for (const id of sessionIds) this.sessions.delete(id);
  }

  onModuleDestroy(): void {
    this.unfollow?.();
  }
}
