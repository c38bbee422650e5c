import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountMailThrottle, UsersService } from '../auth';
import { AppConfig } from '../config/config';
import { html, mailDate, MailLanguage, MailOutbox, MailRecipient, MailTemplates, RenderedMail } from '../mail';
import { invitationRefusals } from './organization-access';
import { OrganizationInvitation, OrganizationRole } from './organization.entity';
import { OrganizationStore } from './organization.store';

const TEMPLATE = 'organization.invitation';

interface InvitationParams {
  invitationId: string;
  /** The invitation's token: sealed in the outbox, erased once the message is sent. */
  secretToken?: string;
}

const WORDS = {
  fr: {
    subject: (organization: string) => `Invitation à rejoindre ${organization} sur Tandem`,
    invites: (inviter: string, organization: string, role: string) => `${inviter} vous invite à rejoindre ${organization} sur Tandem en tant que ${role}.`,
    role: { [OrganizationRole.ADMIN]: 'administratrice ou administrateur', [OrganizationRole.MEMBER]: 'membre' },
    accept: "Accepter l'invitation",
    validity: (until: string, email: string) => `L'invitation est valide jusqu'au ${until}; seule la personne titulaire de l'adresse ${email} peut l'accepter.`,
    linkSent: "Le lien pour l'accepter se trouve dans le message que vous avez reçu.",
  },
  en: {
    subject: (organization: string) => `Invitation to join ${organization} on Tandem`,
    invites: (inviter: string, organization: string, role: string) => `${inviter} invites you to join ${organization} on Tandem as ${role}.`,
    role: { [OrganizationRole.ADMIN]: 'an administrator', [OrganizationRole.MEMBER]: 'a member' },
    accept: 'Accept the invitation',
    validity: (until: string, email: string) => `The invitation is valid until ${until}; only the holder of ${email} can accept it.`,
    linkSent: 'The link to accept it is in the message you received.',
  },
};

/**
 * The e-mail of an organization invitation, to the invited address: written in the invitation's
 * transaction, built when sent — and not sent at all if the invitation was used, expired, or its
 * sender is no longer an admin by then.
 */
@Injectable()
export class OrganizationInvitationMail implements OnModuleInit {
  constructor(
    private readonly templates: MailTemplates,
    private readonly outbox: MailOutbox,
    private readonly store: OrganizationStore,
    private readonly users: UsersService,
    private readonly config: AppConfig,
    private readonly throttle: AccountMailThrottle,
  ) {}

  onModuleInit(): void {
    this.templates.register({ name: TEMPLATE, build: (params: InvitationParams, _recipient, language) => this.build(params, language) });
  }

  /**
   * Whom to write to: the invited address, which only its holder can accept from — in the language
   * of its account when there is one, else in the inviter's. Read before the invitation's
   * transaction (the embedded database has one connection, which the transaction holds).
   */
  async recipient(email: string, inviterId: string): Promise<MailRecipient> {
    const invitee = (await this.users.findByEmail(email)) ?? (await this.users.findById(inviterId));
    return { address: email, language: (invitee?.preferredLanguage ?? 'fr') as MailLanguage };
  }

  /** Counts one invitation mailed to `email` from `clientAddress`, or refuses it (RATE_LIMITED): before the invitation's transaction. */
  admit(email: string, clientAddress: string): Promise<void> {
    return this.throttle.admit(email, clientAddress);
  }

  async enqueue(tx: EntityManager, to: MailRecipient, invitation: OrganizationInvitation, token: string): Promise<void> {
    const params: InvitationParams = { invitationId: invitation.id, secretToken: token };
    await this.outbox.enqueue(tx, [{ to, template: TEMPLATE, params: { ...params }, idempotencyKey: `${TEMPLATE}:${invitation.id}` }]);
  }

  private async build(params: InvitationParams, language: MailLanguage): Promise<RenderedMail | null> {
    const invitation = await this.store.invitationById(params.invitationId);
    if (!invitation) return null;
    const sender = await this.store.membershipOf(invitation.invitedById, invitation.organizationId);
    if (invitationRefusals(invitation, sender, new Date()).length) return null;
    const [organization, inviter] = await Promise.all([this.store.byId(invitation.organizationId), this.users.findById(invitation.invitedById)]);
    if (!organization || !inviter) return null;
    const words = WORDS[language];
    const name = organization.name[language];
    const invites = words.invites(inviter.displayName, name, words.role[invitation.role]);
    const validity = words.validity(mailDate(invitation.expiresAt, language), invitation.email);
    const acceptUrl = params.secretToken && `${this.config.linkBase}/invitations/organization?token=${encodeURIComponent(params.secretToken)}`;
    return {
      subject: words.subject(name),
      text: [invites, '', acceptUrl ? `${words.accept}: ${acceptUrl}` : words.linkSent, '', validity].join('\n'),
      html: html`<p>${invites}</p>
<p>${acceptUrl ? html`<a href="${acceptUrl}">${words.accept}</a>` : words.linkSent}</p>
<p>${validity}</p>`,
    };
  }
}
