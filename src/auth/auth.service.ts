import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityStream } from '../activity';
import { UnauthenticatedError } from '../common/errors';
import { Language } from '../common/localized-text';
import { Actor } from '../common/request-context';
import { hashToken, newOpaqueToken } from '../common/tokens';
import { AuthPayload, LoginInput, RefreshSessionInput } from './dto/auth.inputs';
import { LoginThrottleService } from './login-throttle.service';
import { LoginPayload } from './mfa/dto/mfa.types';
import { MfaChallengeService } from './mfa/mfa-challenge.service';
import { PasswordHasher } from './password-hasher';
import { AuthSession } from './session.entity';
import { sessionEnded } from './session-events';
import { SessionStore } from './session.store';
import { User } from './user.entity';
import { UsersStore } from './users.store';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600_000;

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  /** The user's preferredLanguage when the token was issued: the language of error messages, without SQL. */
  lang?: Language;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersStore,
    private readonly sessions: SessionStore,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottleService,
    private readonly passwords: PasswordHasher,
    private readonly stream: ActivityStream,
    private readonly mfa: MfaChallengeService,
  ) {}

  /** With MFA enrolled, the right password earns a challenge for verifyMfa instead of the tokens. */
  async login(input: LoginInput, address: string): Promise<LoginPayload> {
    // Counted as a failure until the password proves right.
    const attempt = await this.throttle.reserveAttempt(input.email, address);
    const user = await this.users.byEmail(input.email);
    const valid = await this.passwords.matches(user?.passwordHash, input.password);
    if (!user || !valid) throw new UnauthenticatedError('Wrong e-mail address or password');
    await this.throttle.recordSuccess(attempt);
    const challenge = await this.mfa.challengeFor(user);
    if (challenge) return challenge;
    return { mfaRequired: false, mfaChallenge: null, mfaChallengeExpiresAt: null, ...(await this.dataSource.transaction((tx) => this.startSession(tx, user, null))) };
  }

  /** Trades a refresh token for a new pair. A token presented twice revokes its whole family. */
  async refresh({ refreshToken }: RefreshSessionInput): Promise<AuthPayload> {
    const outcome = await this.dataSource.transaction(async (tx) => {
      const token = await this.sessions.refreshTokenToRotate(tx, hashToken(refreshToken));
      if (!token || token.session.revokedAt) return null;
      if (!(await this.sessions.claimRefreshToken(tx, token.id))) {
        await this.endSession(tx, token.session, 'refresh token reused');
        return 'reused' as const;
      }
      if (token.expiresAt.getTime() <= Date.now()) return null;
      return this.issueTokens(tx, token.session.user, token.session);
    });
    if (outcome === 'reused') throw new UnauthenticatedError('This refresh token was already used; the session is revoked');
    if (!outcome) throw new UnauthenticatedError('Invalid or expired refresh token');
    return outcome;
  }

  /** Ends the session the refresh token belongs to; its access tokens stop working at once. */
  async logout({ refreshToken }: RefreshSessionInput, actor: Actor): Promise<boolean> {
    const token = await this.sessions.refreshTokenByHash(hashToken(refreshToken));
    if (!token || token.session.userId !== actor.userId) return false;
    await this.dataSource.transaction((tx) => this.endSession(tx, token.session, 'logout'));
    return true;
  }

  /** Ends the account's sessions but the actor's own (a change of its second factor): a session someone else opened does not outlive it. */
  async endOtherSessions(tx: EntityManager, actor: Pick<Actor, 'userId' | 'sessionId'>, reason: string): Promise<void> {
    const ended = await this.sessions.endAllOf(tx, actor.userId, reason, actor.sessionId);
    await this.stream.append(tx, ended.map((session) => sessionEnded(session, reason)));
  }

  /** The caller behind a valid access token, provided its session is still open. */
  async actorFor(claims: AccessTokenClaims): Promise<Actor | null> {
    // TypeORM drops undefined conditions: a token missing `sub` or `sid` would match any open session.
    if (!isUUID(claims.sub) || !isUUID(claims.sid)) return null;
    const session = await this.sessions.openSession(claims.sid, claims.sub);
    return session ? { userId: claims.sub, sessionId: claims.sid, secondFactor: session.secondFactor } : null;
  }

  async me(actor: Actor): Promise<User> {
    return this.users.get(actor.userId);
  }

  /** Ends a session; the event on the activity stream closes its live connections in every process. */
  private async endSession(tx: EntityManager, session: Pick<AuthSession, 'id' | 'userId'>, reason: string): Promise<void> {
    await this.sessions.end(tx, session.id, reason);
    await this.stream.append(tx, [sessionEnded(session, reason)]);
  }

  /**
   * Opens a session for someone who proved who they are (a password, and a second factor when
   * enrolled); `secondFactorAt` says when they proved the second, null for a password alone.
   */
  async startSession(tx: EntityManager, user: User, secondFactorAt: Date | null): Promise<AuthPayload> {
    return this.issueTokens(tx, user, await this.sessions.open(tx, user.id, secondFactorAt));
  }

  private async issueTokens(tx: EntityManager, user: User, session: AuthSession): Promise<AuthPayload> {
    const refreshToken = newOpaqueToken();
    await this.sessions.insertRefreshToken(tx, {
      sessionId: session.id,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
    });
    const claims: AccessTokenClaims = { sub: user.id, sid: session.id, lang: user.preferredLanguage };
    return {
      accessToken: await this.jwt.signAsync(claims),
      accessTokenExpiresAt: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000),
      refreshToken,
      user,
    };
  }
}
