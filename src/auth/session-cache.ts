import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ActivityKind, ActivityStream } from '../activity';
import { AppConfig } from '../config/config';

/** What a request needs of an open session. */
export interface OpenSession {
  secondFactor: boolean;
}

interface Remembered extends OpenSession {
  userId: string;
  until: number;
}

/** Enough for every session active within SESSION_CACHE_SECONDS on one process; past it, the oldest go first. */
const MAX_SESSIONS = 50_000;

/**
 * The sessions this process found open in the last SESSION_CACHE_SECONDS, so that a client's next
 * requests skip the session's statement. Only "open" is remembered, never "ended": what it can get
 * wrong is bounded to that window. A session ended through SessionStore is forgotten at once, in
 * this process; one ended in another process when its session.ended event arrives on the activity
 * stream (followed while anything is remembered).
 */
@Injectable()
export class SessionCache implements OnModuleDestroy {
  private readonly sessions = new Map<string, Remembered>();
  private readonly ttlMs: number;
  private unfollow?: () => void;

  constructor(
    config: AppConfig,
    private readonly stream: ActivityStream,
  ) {
    this.ttlMs = config.SESSION_CACHE_SECONDS * 1000;
  }

  /** The session, if this process found it open less than SESSION_CACHE_SECONDS ago. */
  get(sessionId: string, userId: string): OpenSession | undefined {
    const remembered = this.sessions.get(sessionId);
    if (!remembered) return undefined;
    if (remembered.until <= Date.now() || remembered.userId !== userId) {
      this.sessions.delete(sessionId);
      return undefined;
    }
    return remembered;
  }

  remember(sessionId: string, userId: string, session: OpenSession): void {
    if (!this.ttlMs) return;
    this.unfollow ??= this.stream.follow((event) => {
      if (event.kind === ActivityKind.sessionEnded) this.sessions.delete(event.resourceId);
    });
    // Re-inserted at the end: the Map's order is the order of expiry, so the first is the one to drop.
    this.sessions.delete(sessionId);
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value as string);
    this.sessions.set(sessionId, { userId, secondFactor: session.secondFactor, until: Date.now() + this.ttlMs });
  }

  forget(sessionIds: readonly string[]): void {
    for (const id of sessionIds) this.sessions.delete(id);
  }

  onModuleDestroy(): void {
    this.unfollow?.();
  }
}
