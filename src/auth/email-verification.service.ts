import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { Actor } from '../common/request-context';
import { hashToken } from '../common/tokens';
import { AccountMail } from './account-mail';
import { AccountMailThrottle } from './account-mail-throttle';
import { AccountTokenPurpose } from './account-token.entity';
import { accountTokenRefusals, newAccountToken } from './account-token-rules';
import { AccountTokenStore } from './account-token.store';
import { ChangeEmailInput, VerifyEmailInput } from './dto/account.inputs';
import { PasswordConfirmation } from './password-confirmation';
import { User } from './user.entity';
import { UsersStore } from './users.store';

const { VERIFY_EMAIL, RESET_PASSWORD } = AccountTokenPurpose;

/**
 * Verified addresses. An account's address counts (joining an organization by its domain,
 * accepting an invitation) only once its holder used the link mailed to it. A new address
 * replaces the current one only when confirmed the same way: until then the current address
 * stays the account's, verified as it was, so a mistyped address locks nobody out and the
 * account never holds an address nobody proved.
 */
@Injectable()
export class EmailVerificationService {
  constructor(
    private readonly users: UsersStore,
    private readonly tokens: AccountTokenStore,
    private readonly mail: AccountMail,
    private readonly throttle: AccountMailThrottle,
    private readonly passwordConfirmation: PasswordConfirmation,
    private readonly dataSource: DataSource,
  ) {}

  /** In the transaction that creates the account or asks for the change: a link to confirm `email`, replacing earlier ones. */
  async sendLink(tx: EntityManager, user: User, email: string, now = new Date()): Promise<void> {
    const { token, expiresAt } = newAccountToken(VERIFY_EMAIL, now);
    const tokenHash = hashToken(token);
    await this.tokens.issue(tx, { userId: user.id, purpose: VERIFY_EMAIL, email, tokenHash, expiresAt });
    await this.mail.verificationLink(tx, user, email, { secret: token, hash: tokenHash, expiresAt });
  }

  /** By the signed-in holder of the account the link was sent for; the address it was sent to becomes the account's, verified. */
  async verify(actor: Actor, { token }: VerifyEmailInput): Promise<User> {
    return this.dataSource.transaction(async (tx) => {
      const now = new Date();
      const link = await this.tokens.lockByHash(tx, hashToken(token), VERIFY_EMAIL);
      if (!link) throw new NotFoundError('Link');
      if (link.userId !== actor.userId) throw new ForbiddenError('This link was sent for another account');
      const reasons = accountTokenRefusals(link, now);
      if (reasons.length) throw new PreconditionFailedError('This link can no longer be used', reasons);
      // Only the holder of the address reads this answer: it tells them nothing they could not learn by signing in.
      if (await this.users.emailTakenByAnother(tx, link.email, link.userId)) throw new ConflictError('Another account already has this e-mail address');
      const user = await this.users.lockById(tx, link.userId);
      if (!user) throw new NotFoundError('Link');
      await this.tokens.markUsed(tx, link.id, now);
      // A reset link sent to the address being replaced no longer speaks for the account.
      if (user.email !== link.email) await this.tokens.revokeOpen(tx, user.id, RESET_PASSWORD);
      await this.users.setVerifiedEmail(tx, user.id, link.email, now);
      return Object.assign(user, { email: link.email, emailVerifiedAt: now });
    });
  }

  /** A new link for the account's unverified address; false when it is verified already (nothing to send). */
  async resend(actor: Actor, clientAddress: string): Promise<boolean> {
    const user = await this.users.get(actor.userId);
    if (user.emailVerifiedAt) return false;
    await this.throttle.admit(user.email, clientAddress);
    await this.dataSource.transaction((tx) => this.sendLink(tx, user, user.email));
    return true;
  }

  /**
   * Sends a link to the new address and a notice to the current one. The same answer, and the
   * same notice, whether or not another account has the new address: its owner gets the
   * "someone tried" message instead of a link.
   */
  async changeEmail(actor: Actor, input: ChangeEmailInput, clientAddress: string): Promise<true> {
    const user = await this.users.get(actor.userId);
    // The password first: a wrong one spends no mail of the address asked for.
    await this.passwordConfirmation.confirm(user, input.password, clientAddress);
    await this.throttle.admit(input.email, clientAddress);
    if (input.email === user.email) throw BadUserInputError.field('email', 'is already your address');
    const owner = await this.users.byEmail(input.email);
    await this.dataSource.transaction(async (tx) => {
      await this.mail.emailChangeRequested(tx, user, input.email);
      await (owner ? this.mail.registrationAttempt(tx, owner) : this.sendLink(tx, user, input.email));
    });
    return true;
  }
}
