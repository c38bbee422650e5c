import { Injectable, OnModuleInit } from '@nestjs/common';
import { Notification, NotificationDigestsService, NotificationKind, NotificationsService, NotificationTemplate } from '../activity';
import { html, MailLanguage, MailTemplates, RenderedMail } from '../mail';
import { WorkspacesService } from '../workspaces';
import { NoticeAudience } from './notice-audience';
import { KIND_NAMES, WORDS } from './notification-words';
import { UnsubscribeLinks } from './unsubscribe-links';

type Recipient = { userId: string | null };

/**
 * The two messages of notifications, built when they are sent: one notification at once, and a
 * person's daily digest. Each shows only what its addressee may still see then; with nothing
 * left, it is not sent.
 */
@Injectable()
export class NotificationMailTemplates implements OnModuleInit {
  constructor(
    private readonly templates: MailTemplates,
    private readonly notifications: NotificationsService,
    private readonly digests: NotificationDigestsService,
    private readonly audience: NoticeAudience,
    private readonly workspaces: WorkspacesService,
    private readonly links: UnsubscribeLinks,
  ) {}

  onModuleInit(): void {
    this.templates.register({ name: NotificationTemplate.immediate, build: (params: { notificationId: string }, recipient: Recipient, language: MailLanguage) => this.immediate(params.notificationId, recipient, language) });
    this.templates.register({ name: NotificationTemplate.dailyDigest, build: (params: { day: string }, recipient: Recipient, language: MailLanguage) => this.dailyDigest(params.day, recipient, language) });
  }

  private async immediate(notificationId: string, recipient: Recipient, language: MailLanguage): Promise<RenderedMail | null> {
    const notice = await this.notifications.find(notificationId);
    if (!notice || notice.userId !== recipient.userId || !(await this.audience.maySee(notice))) return null;
    const words = WORDS[language];
    const kind = KIND_NAMES[notice.kind as NotificationKind][language];
    const [where] = await this.workspaceNames([notice], language);
    const message = notice.message[language];
    const unsubscribeUrl = this.links.urlFor({ userId: notice.userId, kind: notice.kind as NotificationKind, workspaceId: notice.workspaceId });
    return {
      subject: message,
      text: [message, ...(where ? [words.inWorkspace(where)] : []), '', words.immediateWhy(kind), `${words.stopKind(kind)}: ${unsubscribeUrl}`].join('\n'),
      html: html`<p><strong>${message}</strong></p>${where ? html`<p>${words.inWorkspace(where)}</p>` : null}
<p>${words.immediateWhy(kind)} <a href="${unsubscribeUrl}">${words.stopKind(kind)}</a></p>`,
      unsubscribeUrl,
    };
  }

  private async dailyDigest(day: string, recipient: Recipient, language: MailLanguage): Promise<RenderedMail | null> {
    if (!recipient.userId) return null;
    const notices = await this.audience.visibleAmong(await this.digests.notices(recipient.userId, day));
    if (!notices.length) return null;
    const words = WORDS[language];
    const names = await this.workspaceNames(notices, language);
    const lines = notices.map((notice, index) => (names[index] ? `${names[index]} — ${notice.message[language]}` : notice.message[language]));
    // The digest's link stops the digest (what comes at once keeps coming).
    const unsubscribeUrl = this.links.urlFor({ userId: recipient.userId, kind: null, workspaceId: null });
    return {
      subject: words.digestSubject(day, notices.length),
      text: [words.digestIntro(day), '', ...lines.map((line) => `- ${line}`), '', words.digestWhy].join('\n'),
      html: html`<p>${words.digestIntro(day)}</p><ul>${lines.map((line) => html`<li>${line}</li>`)}</ul><p>${words.digestWhy}</p>`,
      unsubscribeUrl,
    };
  }

  /** The name of each notice's workspace in `language`, or null outside one. */
  private async workspaceNames(notices: readonly Pick<Notification, 'workspaceId'>[], language: MailLanguage): Promise<(string | null)[]> {
    const ids = [...new Set(notices.flatMap((notice) => (notice.workspaceId ? [notice.workspaceId] : [])))];
    const names = new Map((await this.workspaces.findByIds(ids)).map((workspace) => [workspace.id, workspace.name[language]]));
    return notices.map((notice) => (notice.workspaceId ? (names.get(notice.workspaceId) ?? null) : null));
  }
}
