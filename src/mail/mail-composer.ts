import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UsersService } from '../auth';
import { AppConfig } from '../config/config';
import { BuiltRecipient, html, Html, MailLanguage, otherLanguage, RenderedMail } from './mail-template';
import { MailSecrets } from './mail-secrets';
import { MailTemplates } from './mail-templates';
import { OutboundMessage } from './outbound-message.entity';

/** A message ready for SMTP: both parts, in the recipient's language, with its headers. */
export interface ComposedMail {
  to: { name: string; address: string };
  language: MailLanguage;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Why a message has nothing to send any more. */
export class NothingToSend {
  constructor(readonly reason: string) {}
}

const LAYOUT = {
  fr: { otherVersion: 'English version', footer: 'Tandem, le carrefour de collaboration des communicateurs gouvernementaux.', unsubscribe: 'Se désabonner' },
  en: { otherVersion: 'Version française', footer: 'Tandem, the collaboration hub for government communicators.', unsubscribe: 'Unsubscribe' },
} as const;

/**
 * Builds a message from the outbox when it is sent (or read on the web): the recipient as they are
 * now, their template's text in their language (or the one asked for), inside the layout every
 * message shares — the header, the footer, a signed link to the same message in the other
 * language, and the unsubscribe headers when the template gives a link.
 */
@Injectable()
export class MailComposer {
  private readonly linkKey: Buffer;

  constructor(
    private readonly config: AppConfig,
    private readonly templates: MailTemplates,
    private readonly users: UsersService,
    private readonly secrets: MailSecrets,
  ) {
    this.linkKey = createHmac('sha256', config.jwtSecret).update('tandem mail web view').digest();
  }

  async compose(message: OutboundMessage, language?: MailLanguage): Promise<ComposedMail | NothingToSend> {
    const recipient = await this.recipientOf(message);
    if (!recipient) return new NothingToSend('The recipient has no account any more');
    const template = this.templates.get(message.template);
    if (!template) throw new Error(`No mail template is registered as ${message.template}`);
    const written = language ?? recipient.language;
    const rendered = await template.build(this.secrets.open(message.idempotencyKey, message.params), recipient, written);
    if (!rendered) return new NothingToSend('Nothing to send any more when the message was built');
    return this.layout(message.id, recipient, written, rendered);
  }

  /** `/mail/messages/<id>/<language>?signature=…`: the web view of a message in `language`. */
  webViewUrl(messageId: string, language: MailLanguage): string {
    return `${this.config.linkBase}/mail/messages/${messageId}/${language}?signature=${this.signature(messageId, language)}`;
  }

  signatureHolds(messageId: string, language: MailLanguage, signature: string): boolean {
    const expected = Buffer.from(this.signature(messageId, language));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private signature(messageId: string, language: MailLanguage): string {
    return createHmac('sha256', this.linkKey).update(`${messageId}:${language}`).digest('base64url');
  }

  private async recipientOf(message: OutboundMessage): Promise<BuiltRecipient | null> {
    if (!message.userId) return { userId: null, address: message.address as string, language: message.language as MailLanguage, displayName: null };
    const user = await this.users.findById(message.userId);
    return user && { userId: user.id, address: user.email, language: user.preferredLanguage as MailLanguage, displayName: user.displayName };
  }

  private layout(messageId: string, recipient: BuiltRecipient, language: MailLanguage, rendered: RenderedMail): ComposedMail {
    const words = LAYOUT[language];
    const other = otherLanguage(language);
    const otherUrl = this.webViewUrl(messageId, other);
    const unsubscribe = rendered.unsubscribeUrl;
    const text = [
      `${words.otherVersion}: ${otherUrl}`,
      '',
      rendered.text.trim(),
      '',
      '-- ',
      words.footer,
      ...(unsubscribe ? [`${words.unsubscribe}: ${unsubscribe}`] : []),
      '',
    ].join('\n');
    const page = html`<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${rendered.subject}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em; margin: 0 auto; padding: 1em">
<p style="text-align: right; font-size: small"><a href="${otherUrl}" lang="${other}" hreflang="${other}">${words.otherVersion}</a></p>
<header><p><strong>Tandem</strong></p></header>
<main>${rendered.html instanceof Html ? rendered.html : new Html(rendered.html)}</main>
<footer style="border-top: 1px solid #ccc; margin-top: 2em; font-size: small; color: #555"><p>${words.footer}</p>${unsubscribe ? html`<p><a href="${unsubscribe}">${words.unsubscribe}</a></p>` : null}</footer>
</body>
</html>
`;
    const headers: Record<string, string> = { 'Content-Language': language, 'Auto-Submitted': 'auto-generated' };
    if (unsubscribe) Object.assign(headers, { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    return { to: { name: recipient.displayName ?? '', address: recipient.address }, language, subject: rendered.subject, text, html: page.markup, headers };
  }
}
