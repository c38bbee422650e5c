import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { AuthSession, RefreshToken } from './session.entity';

/** Sessions and the refresh tokens that descend from them. */
@Injectable()
export class SessionStore {
  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
  ) {}

  /** Whether the session `sessionId` of `userId` is still open. */
  isOpen(sessionId: string, userId: string): Promise<boolean> {
    return this.sessions.existsBy({ id: sessionId, userId, revokedAt: IsNull() });
  }

  /** The refresh token with this hash, with its session. */
  refreshTokenByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.refreshTokens.findOne({ where: { tokenHash }, relations: { session: true } });
  }

  /** The refresh token with this hash, with its session and the session's user, read in `tx` (to rotate it). */
  refreshTokenToRotate(tx: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return tx.findOne(RefreshToken, { where: { tokenHash }, relations: { session: { user: true } } });
  }

  /** Opens a session for `userId`. */
  open(tx: EntityManager, userId: string): Promise<AuthSession> {
    return tx.save(tx.create(AuthSession, { userId }));
  }

  /** Ends an open session; one already ended keeps its first end. */
  async end(tx: EntityManager, sessionId: string, reason: string): Promise<void> {
    await tx.update(AuthSession, { id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
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
