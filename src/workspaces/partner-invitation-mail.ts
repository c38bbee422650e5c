import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountMailThrottle, UsersService } from '../auth';
import { AppConfig } from '../config/config';
import { BuiltRecipient, html, MailLanguage, MailOutbox, MailTemplates, RenderedMail } from '../mail';
import { OrganizationsService } from '../organizations';
import { awaitsAnswer } from './workspace-access';
import { WorkspacePartner } from './workspace.entity';
import { WorkspaceStore } from './workspace.store';

const TEMPLATE = 'workspace.partner_invitation';

interface PartnerInvitationParams {
  workspaceId: string;
  organizationId: string;
  invitedById: string;
}

const WORDS = {
  fr: {
    subject: (workspace: string) => `Invitation de partenaire : ${workspace}`,
    invites: (inviter: string, host: string, organization: string, workspace: string) =>
      `${inviter} (${host}) invite ${organization} à se joindre, comme organisation partenaire, à l'espace de travail « ${workspace} » sur Tandem.`,
    why: "Vous recevez ce message parce que vous administrez cette organisation : l'une ou l'un de ses admins peut accepter ou décliner l'invitation.",
    answer: "Répondre à l'invitation",
  },
  en: {
    subject: (workspace: string) => `Partner invitation: ${workspace}`,
    invites: (inviter: string, host: string, organization: string, workspace: string) =>
      `${inviter} (${host}) invites ${organization} to join the workspace “${workspace}” on Tandem as a partner organization.`,
    why: 'You receive this message as an admin of the organization: any of its admins may accept or decline the invitation.',
    answer: 'Answer the invitation',
  },
};

/**
 * The e-mails of a workspace partner invitation, one to each admin of the invited organization:
 * written in the invitation's transaction, built when sent — not sent if the invitation was
 * answered by then, or to someone who is no longer an admin.
 */
@Injectable()
export class PartnerInvitationMail implements OnModuleInit {
  constructor(
    private readonly templates: MailTemplates,
    private readonly outbox: MailOutbox,
    private readonly store: WorkspaceStore,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
    private readonly throttle: AccountMailThrottle,
  ) {}

  onModuleInit(): void {
    this.templates.register({ name: TEMPLATE, build: (params: PartnerInvitationParams, recipient, language) => this.build(params, recipient, language) });
  }

  /**
   * Counts one invitation of `organizationId` from `clientAddress`, or refuses it (RATE_LIMITED):
   * the organization is the target, since every one of its admins is mailed.
   */
  admit(organizationId: string, clientAddress: string): Promise<void> {
    return this.throttle.admit(`organization:${organizationId}`, clientAddress);
  }

  /**
   * One message to each of `admins` (read in `tx` by the caller, who tells them in the app too).
   * Transactional, sent whatever their notification preferences: it is the invitation itself, with
   * the only link to answer it. `answered` is when the organization answered an earlier invitation
   * (null the first time): each invitation is its own message.
   */
  async enqueue(tx: EntityManager, partner: WorkspacePartner, admins: readonly string[], answered: Date | null): Promise<void> {
    const params: PartnerInvitationParams = { workspaceId: partner.workspaceId, organizationId: partner.organizationId, invitedById: partner.invitedById as string };
    const round = answered?.toISOString() ?? 'first';
    await this.outbox.enqueue(
      tx,
      admins.map((userId) => ({ to: { userId }, template: TEMPLATE, params: { ...params }, idempotencyKey: `${TEMPLATE}:${partner.id}:${round}:${userId}` })),
    );
  }

  private async build(params: PartnerInvitationParams, recipient: BuiltRecipient, language: MailLanguage): Promise<RenderedMail | null> {
    const partner = await this.store.partnerOf(params.workspaceId, params.organizationId);
    if (!partner || !awaitsAnswer(partner) || !recipient.userId || !(await this.organizations.isAdmin(recipient.userId, params.organizationId))) return null;
    const workspace = await this.store.get(params.workspaceId);
    const [[host, organization], inviter] = await Promise.all([
      this.organizations.findByIds([workspace.hostOrganizationId, params.organizationId]).then((found) =>
        [workspace.hostOrganizationId, params.organizationId].map((id) => found.find((each) => each.id === id)),
      ),
      this.users.findById(params.invitedById),
    ]);
    if (!host || !organization || !inviter) return null;
    const words = WORDS[language];
    const invites = words.invites(inviter.displayName, host.name[language], organization.name[language], workspace.name[language]);
    const answerUrl = `${this.config.linkBase}/workspaces/${workspace.slug}/partners/${organization.id}/invitation`;
    return {
      subject: words.subject(workspace.name[language]),
      text: [invites, '', `${words.answer}: ${answerUrl}`, '', words.why].join('\n'),
      html: html`<p>${invites}</p>
<p><a href="${answerUrl}">${words.answer}</a></p>
<p>${words.why}</p>`,
    };
  }
}
