import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditAction, AuditService } from '../../activity';
import { AppConfig } from '../../config/config';
import { MailOutbox, MailTemplates } from '../../mail';
import { MFA_TEMPLATE, mfaTemplates } from '../mail-templates/mfa-templates';

/** The changes of a second factor the account's owner is told about, each an audit action and a mail. */
const NOTICES = {
  enabled: { action: AuditAction.mfaEnabled, template: MFA_TEMPLATE.enabled },
  disabled: { action: AuditAction.mfaDisabled, template: MFA_TEMPLATE.disabled },
  recoveryCodeUsed: { action: AuditAction.mfaRecoveryCodeUsed, template: MFA_TEMPLATE.recoveryCodeUsed },
} as const;

export type MfaNotice = keyof typeof NOTICES;

/**
 * Tells of a change of someone's second factor, in its transaction: an audit event (the person's
 * own, in no workspace or organization: an account belongs to neither) and a security mail to the
 * account's address, so that a change made with a stolen password does not go unnoticed.
 */
@Injectable()
export class MfaNotices implements OnModuleInit {
  constructor(
    private readonly audit: AuditService,
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    for (const template of mfaTemplates(this.config.linkBase)) this.templates.register(template);
  }

  /** `occurrence` tells this event from the others of its kind on the account (the mail's idempotency key). */
  async tell(tx: EntityManager, userId: string, notice: MfaNotice, at: Date, occurrence: string, details: Record<string, unknown> = {}): Promise<void> {
    const { action, template } = NOTICES[notice];
    await this.audit.record({ actorId: userId, action, resourceType: 'user', resourceId: userId, details }, tx);
    await this.outbox.enqueue(tx, [{ to: { userId }, template, params: { at: at.toISOString(), ...details }, idempotencyKey: `${template}:${userId}:${occurrence}` }]);
  }
}
