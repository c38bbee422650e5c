import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { isUUID } from 'class-validator';
import { DataSource, IsNull, Repository } from 'typeorm';
import { ConflictError, UnauthenticatedError } from '../common/errors';
import { Language } from '../common/localized-text';
import { Actor } from '../common/request-context';
import { hashToken, newOpaqueToken } from '../common/tokens';
import { AuthPayload, LoginInput, RefreshSessionInput, RegisterInput } from './dto/auth.inputs';
import { LoginThrottleService } from './login-throttle.service';
import { assertAcceptablePassword } from './password-policy';
import { AuthSession, RefreshToken } from './session.entity';
import { User } from './user.entity';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600_000;

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4). */
const HASH_OPTIONS = { type: argon2.argon2id } as const;

export interface AccessTokenClaims {
  sub: string;
  sid: string;
}

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so both cases take the same time. */
  private readonly decoyHash = argon2.hash('tandem-decoy-password', HASH_OPTIONS);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async register(input: RegisterInput): Promise<AuthPayload> {
    assertAcceptablePassword(input.password, input.email);
    if (await this.users.existsBy({ email: input.email })) {
      throw new ConflictError('An account with this e-mail address already exists');
    }
    const user = await this.users.save(
      this.users.create({
        email: input.email,
        displayName: input.displayName,
        // An explicit null means "no preference": the default, not a NOT NULL violation.
        preferredLanguage: input.preferredLanguage ?? Language.fr,
        passwordHash: await argon2.hash(input.password, HASH_OPTIONS),
      }),
    );
    return this.startSession(user);
  }

  async login(input: LoginInput, address: string): Promise<AuthPayload> {
    // Counted as a failure until the password proves right.
    const attempt = await this.throttle.reserveAttempt(input.email, address);
    const user = await this.users.findOneBy({ email: input.email });
    const valid = await argon2.verify(user?.passwordHash ?? (await this.decoyHash), input.password);
    if (!user || !valid) throw new UnauthenticatedError('Wrong e-mail address or password');
    await this.throttle.recordSuccess(attempt);
    return this.startSession(user);
  }

  /** Trades a refresh token for a new pair. A token presented twice revokes its whole family. */
  async refresh({ refreshToken }: RefreshSessionInput): Promise<AuthPayload> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(RefreshToken, {
        where: { tokenHash: hashToken(refreshToken) },
        relations: { session: { user: true } },
      });
      if (!token || token.session.revokedAt) return null;
      const claimed = await manager.update(
        RefreshToken,
        { id: token.id, usedAt: IsNull() },
        { usedAt: new Date() },
      );
      if (claimed.affected !== 1) {
        await manager.update(AuthSession, { id: token.sessionId }, { revokedAt: new Date(), revokedReason: 'refresh token reused' });
        return 'reused' as const;
      }
      if (token.expiresAt.getTime() <= Date.now()) return null;
      return this.issueTokens(token.session.user, token.session, manager.getRepository(RefreshToken));
    });
    if (outcome === 'reused') throw new UnauthenticatedError('This refresh token was already used; the session is revoked');
    if (!outcome) throw new UnauthenticatedError('Invalid or expired refresh token');
    return outcome;
  }

  /** Ends the session the refresh token belongs to; its access tokens stop working at once. */
  async logout({ refreshToken }: RefreshSessionInput, actor: Actor): Promise<boolean> {
    const token = await this.dataSource.getRepository(RefreshToken).findOne({
      where: { tokenHash: hashToken(refreshToken) },
      relations: { session: true },
    });
    if (!token || token.session.userId !== actor.userId) return false;
    await this.sessions.update({ id: token.sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: 'logout' });
    return true;
  }

  /** The caller behind a valid access token, provided its session is still open. */
  async actorFor(claims: AccessTokenClaims): Promise<Actor | null> {
    // TypeORM drops undefined conditions: a token missing `sub` or `sid` would match any open session.
    if (!isUUID(claims.sub) || !isUUID(claims.sid)) return null;
    const open = await this.sessions.existsBy({ id: claims.sid, userId: claims.sub, revokedAt: IsNull() });
    return open ? { userId: claims.sub, sessionId: claims.sid } : null;
  }

  async me(actor: Actor): Promise<User> {
    return this.users.findOneByOrFail({ id: actor.userId });
  }

  private async startSession(user: User): Promise<AuthPayload> {
    const session = await this.sessions.save(this.sessions.create({ userId: user.id }));
    return this.issueTokens(user, session, this.dataSource.getRepository(RefreshToken));
  }

  private async issueTokens(user: User, session: AuthSession, tokens: Repository<RefreshToken>): Promise<AuthPayload> {
    const refreshToken = newOpaqueToken();
    await tokens.insert({
      sessionId: session.id,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
    });
    const claims: AccessTokenClaims = { sub: user.id, sid: session.id };
    return {
      accessToken: await this.jwt.signAsync(claims),
      accessTokenExpiresAt: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000),
      refreshToken,
      user,
    };
  }
}
