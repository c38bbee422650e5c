import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, UnauthenticatedError } from '../common/errors';
import { Language } from '../common/localized-text';
import { Actor } from '../common/request-context';
import { hashToken, newOpaqueToken } from '../common/tokens';
import { AuthPayload, LoginInput, RefreshSessionInput, RegisterInput } from './dto/auth.inputs';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { assertAcceptablePassword } from './password-policy';
import { AuthSession } from './session.entity';
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
  ) {}

  async register(input: RegisterInput): Promise<AuthPayload> {
    assertAcceptablePassword(input.password, input.email);
    if (await this.users.emailTaken(input.email)) {
      throw new ConflictError('An account with this e-mail address already exists');
    }
    const passwordHash = await this.passwords.hash(input.password);
    return this.dataSource.transaction(async (tx) => {
      const user = await this.users.insert(tx, {
        email: input.email,
        displayName: input.displayName,
        // An explicit null means "no preference": the default, not a NOT NULL violation.
        preferredLanguage: input.preferredLanguage ?? Language.fr,
        passwordHash,
      });
      return this.startSession(tx, user);
    });
  }

  async login(input: LoginInput, address: string): Promise<AuthPayload> {
    // Counted as a failure until the password proves right.
    const attempt = await this.throttle.reserveAttempt(input.email, address);
    const user = await this.users.byEmail(input.email);
    const valid = await this.passwords.matches(user?.passwordHash, input.password);
    if (!user || !valid) throw new UnauthenticatedError('Wrong e-mail address or password');
    await this.throttle.recordSuccess(attempt);
    return this.dataSource.transaction((tx) => this.startSession(tx, user));
  }

  /** Trades a refresh token for a new pair. A token presented twice revokes its whole family. */
  async refresh({ refreshToken }: RefreshSessionInput): Promise<AuthPayload> {
    const outcome = await this.dataSource.transaction(async (tx) => {
      const token = await this.sessions.refreshTokenToRotate(tx, hashToken(refreshToken));
      if (!token || token.session.revokedAt) return null;
      if (!(await this.sessions.claimRefreshToken(tx, token.id))) {
        await this.sessions.end(tx, token.sessionId, 'refresh token reused');
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
    await this.dataSource.transaction((tx) => this.sessions.end(tx, token.sessionId, 'logout'));
    return true;
  }

  /** The caller behind a valid access token, provided its session is still open. */
  async actorFor(claims: AccessTokenClaims): Promise<Actor | null> {
    // TypeORM drops undefined conditions: a token missing `sub` or `sid` would match any open session.
    if (!isUUID(claims.sub) || !isUUID(claims.sid)) return null;
    const open = await this.sessions.isOpen(claims.sid, claims.sub);
    return open ? { userId: claims.sub, sessionId: claims.sid } : null;
  }

  async me(actor: Actor): Promise<User> {
    return this.users.get(actor.userId);
  }

  private async startSession(tx: EntityManager, user: User): Promise<AuthPayload> {
    return this.issueTokens(tx, user, await this.sessions.open(tx, user.id));
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
