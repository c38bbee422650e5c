import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import { OpenSession, SessionCache } from './session-cache';
import { AuthSession, RefreshToken } from './session.entity';

/**
 * Sessions and the refresh tokens that descend from them. Open sessions are read through the
 * SessionCache, and every change to a session here makes the cache forget it.
 */
@Injectable()
export class SessionStore {
  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    private readonly cache: SessionCache,
  ) {}

  /** The session `sessionId` of `userId` while it is open (whether it passed the second factor), or null. */
  async openSession(sessionId: string, userId: string): Promise<OpenSession | null> {
    const cached = this.cache.get(sessionId, userId);
    if (cached) return cached;
    const mark = this.cache.readMark();
    const found = await this.sessions.findOne({ select: { id: true, secondFactorAt: true }, where: { id: sessionId, userId, revokedAt: IsNull() } });
    if (!found) return null;
    const session = { secondFactor: found.secondFactorAt !== null };
    this.cache.remember(sessionId, userId, session, mark);
    return session;
  }

  /**
   * Deletes the sessions that ended before `endedBefore` (revoked then, or whose every refresh token
   * had expired by then) with their refresh tokens, and the expired refresh tokens of the others.
   * A session deleted here could not be used any more: the cache has nothing to forget.
   */
  async pruneEndedBefore(endedBefore: Date): Promise<void> {
    await this.sessions.query(
      `DELETE FROM auth_session session
        WHERE session.created_at < $1
          AND (session.revoked_at < $1
               OR (session.revoked_at IS NULL AND NOT EXISTS (SELECT 1 FROM refresh_token token WHERE token.session_id = session.id AND token.expires_at >= $1)))`,
      [endedBefore],
    );
    await this.refreshTokens.query(`DELETE FROM refresh_token WHERE expires_at < $1`, [endedBefore]);
  }

  /** The refresh token with this hash, with its session. */
  refreshTokenByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.refreshTokens.findOne({ where: { tokenHash }, relations: { session: true } });
  }

  /** The refresh token with this hash, with its session and the session's user, read in `tx` (to rotate it). */
  refreshTokenToRotate(tx: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return tx.findOne(RefreshToken, { where: { tokenHash }, relations: { session: { user: true } } });
  }

  /** Opens a session for `userId`, `secondFactorAt` set when it was opened with a second factor. */
  open(tx: EntityManager, userId: string, secondFactorAt: Date | null): Promise<AuthSession> {
    return tx.save(tx.create(AuthSession, { userId, secondFactorAt }));
  }

  /** Records that an open session passed the second factor (the one that confirmed enrolment). */
  async markSecondFactor(tx: EntityManager, sessionId: string, at: Date): Promise<void> {
    await tx.update(AuthSession, { id: sessionId, revokedAt: IsNull() }, { secondFactorAt: at });
    this.cache.forgetChangedIn(tx, [sessionId]);
  }

  /** Ends an open session; one already ended keeps its first end. */
  async end(tx: EntityManager, sessionId: string, reason: string): Promise<void> {
    await tx.update(AuthSession, { id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
    this.cache.forgetChangedIn(tx, [sessionId]);
  }

  /**
   * Ends every open session of the account (a password reset) but `keep` (a change of MFA, from that
   * session): its access and refresh tokens stop working. Returns them.
   */
  async endAllOf(tx: EntityManager, userId: string, reason: string, keep?: string): Promise<Pick<AuthSession, 'id' | 'userId'>[]> {
    const ended = await tx
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where({ userId, revokedAt: IsNull(), ...(keep ? { id: Not(keep) } : {}) })
      .returning(['id'])
      .execute();
    const ids = (ended.raw as { id: string }[]).map(({ id }) => id);
    this.cache.forgetChangedIn(tx, ids);
    return ids.map((id) => ({ id, userId }));
  }

  /** Stores a new refresh token of the session, by its hash. */
  async insertRefreshToken(tx: EntityManager, token: Pick<RefreshToken, 'sessionId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await tx.insert(RefreshToken, token);
  }

  /** Marks a refresh token used; false when it already was (only one use can claim it). */
  async claimRefreshToken(tx: EntityManager, tokenId: string): Promise<boolean> {
    const claimed = await tx.update(RefreshToken, { id: tokenId, usedAt: IsNull() }, { usedAt: new Date() });
    return claimed.affected === 1;
  }
}
