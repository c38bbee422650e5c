import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityStream } from '../activity';
import { NotFoundError, PreconditionFailedError } from '../common/errors';
import { hashToken } from '../common/tokens';
import { AccountMail } from './account-mail';
import { AccountMailThrottle } from './account-mail-throttle';
import { AccountTokenPurpose } from './account-token.entity';
import { accountTokenRefusals, newAccountToken } from './account-token-rules';
import { AccountTokenStore } from './account-token.store';
import { RequestPasswordResetInput, ResetPasswordInput } from './dto/account.inputs';
import { PasswordHasher } from './password-hasher';
import { assertAcceptablePassword } from './password-policy';
import { sessionEnded } from './session-events';
import { SessionStore } from './session.store';
import { UsersStore } from './users.store';

const { RESET_PASSWORD, VERIFY_EMAIL } = AccountTokenPurpose;

/**
 * A forgotten password: a single-use link, valid one hour, mailed to the account's address.
 * Asking answers the same whether or not an account has the address; resetting ends every
 * session of the account.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly users: UsersStore,
    private readonly tokens: AccountTokenStore,
    private readonly sessions: SessionStore,
    private readonly mail: AccountMail,
    private readonly throttle: AccountMailThrottle,
    private readonly passwords: PasswordHasher,
    private readonly stream: ActivityStream,
    private readonly dataSource: DataSource,
  ) {}

  /** Always true: a link is on its way if an account has this address, and nothing says whether one does. */
  async request({ email }: RequestPasswordResetInput, clientAddress: string): Promise<true> {
    await this.throttle.admit(email, clientAddress);
    const user = await this.users.byEmail(email);
    if (!user) return true;
    const now = new Date();
    const { token, expiresAt } = newAccountToken(RESET_PASSWORD, now);
    const tokenHash = hashToken(token);
    await this.dataSource.transaction(async (tx) => {
      await this.tokens.issue(tx, { userId: user.id, purpose: RESET_PASSWORD, email: user.email, tokenHash, expiresAt });
      await this.mail.passwordResetLink(tx, user, { secret: token, hash: tokenHash, expiresAt });
    });
    return true;
  }

  /**
   * Sets the new password and ends every session of the account. The link proves its holder
   * reads the account's address, so an address not verified yet is verified by it.
   */
  async reset({ token, newPassword }: ResetPasswordInput): Promise<true> {
    const tokenHash = hashToken(token);
    const link = await this.tokens.byHash(tokenHash, RESET_PASSWORD);
    if (!link) throw new NotFoundError('Link');
    const user = await this.users.get(link.userId);
    assertAcceptablePassword(newPassword, user.email);
    // Hashed before the transaction: argon2 holds no row lock.
    const passwordHash = await this.passwords.hash(newPassword);
    await this.dataSource.transaction(async (tx) => {
      const now = new Date();
      const locked = await this.tokens.lockByHash(tx, tokenHash, RESET_PASSWORD);
      const account = await this.users.lockById(tx, link.userId);
      const reasons = [
        ...accountTokenRefusals(locked ?? link, now),
        ...(account?.email === link.email ? [] : ["The account's address changed since this link was sent"]),
      ];
      if (!locked || !account || reasons.length) throw new PreconditionFailedError('This link can no longer be used', reasons);
      await this.tokens.markUsed(tx, link.id, now);
      await this.users.setPasswordHash(tx, account.id, passwordHash);
      if (!account.emailVerifiedAt) {
        await this.users.setVerifiedEmail(tx, account.id, account.email, now);
        await this.tokens.revokeOpen(tx, account.id, VERIFY_EMAIL);
      }
      const ended = await this.sessions.endAllOf(tx, account.id, 'password reset');
      await this.stream.append(tx, ended.map((session) => sessionEnded(session, 'password reset')));
    });
    return true;
  }
}
