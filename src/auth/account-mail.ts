import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/config';
import { MailOutbox, MailTemplates } from '../mail';
import { accountTemplates, ACCOUNT_TEMPLATE } from './mail-templates/account-templates';
import { User } from './user.entity';

/**
 * The account mails, each queued in the transaction of the change that causes it (the message
 * exists iff the change commits). A link's token travels in a `secret…` parameter, which the
 * outbox seals while queued and erases once the message is sent.
 */
@Injectable()
export class AccountMail implements OnModuleInit {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    for (const template of accountTemplates(this.config.linkBase)) this.templates.register(template);
  }

  /** To `email` itself, which may not be the account's address yet (an address change): the link proves it. */
  async verificationLink(tx: EntityManager, user: User, email: string, token: { secret: string; hash: string; expiresAt: Date }): Promise<void> {
    await this.outbox.enqueue(tx, [
      {
        to: { address: email, language: user.preferredLanguage },
        template: ACCOUNT_TEMPLATE.verifyEmail,
        params: { secretToken: token.secret, displayName: user.displayName, expiresAt: token.expiresAt.toISOString() },
        idempotencyKey: `account.verify_email:${token.hash}`,
      },
    ]);
  }

  /** To the owner of an address someone tried to register again, in place of any answer that would say it is taken. */
  async registrationAttempt(tx: EntityManager, owner: User): Promise<void> {
    await this.outbox.enqueue(tx, [
      { to: { userId: owner.id }, template: ACCOUNT_TEMPLATE.registrationAttempt, params: {}, idempotencyKey: `account.registration_attempt:${randomUUID()}` },
    ]);
  }

  async passwordResetLink(tx: EntityManager, user: User, token: { secret: string; hash: string; expiresAt: Date }): Promise<void> {
    await this.outbox.enqueue(tx, [
      {
        to: { userId: user.id },
        template: ACCOUNT_TEMPLATE.passwordReset,
        params: { secretToken: token.secret, expiresAt: token.expiresAt.toISOString() },
        idempotencyKey: `account.password_reset:${token.hash}`,
      },
    ]);
  }

  /** To the current address, so that a change asked from a stolen session does not go unnoticed. */
  async emailChangeRequested(tx: EntityManager, user: User, newEmail: string): Promise<void> {
    await this.outbox.enqueue(tx, [
      {
        to: { address: user.email, language: user.preferredLanguage },
        template: ACCOUNT_TEMPLATE.emailChangeRequested,
        params: { newEmail, displayName: user.displayName },
        idempotencyKey: `account.email_change_requested:${randomUUID()}`,
      },
    ]);
  }
}
