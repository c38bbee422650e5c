import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors';
import { AppConfig } from '../config/config';
import { MailComposer, NothingToSend } from './mail-composer';
import { html, MailLanguage } from './mail-template';
import { MailStore } from './mail.store';

const LANGUAGES = new Set<string>(['fr', 'en']);
const MAILBOX_SIZE = 100;

/** The pages of the mail module: a message on the web (the other-language link), and the development mailbox. */
@Injectable()
export class MailPagesService {
  constructor(
    private readonly config: AppConfig,
    private readonly store: MailStore,
    private readonly composer: MailComposer,
  ) {}

  /**
   * The message built again, now, in `language`: the link signs the message and the language, so it
   * opens nothing else. A message with nothing to show any more (or its secrets erased) shows what is left.
   */
  async webView(messageId: string, language: string, signature: string): Promise<string> {
    if (!LANGUAGES.has(language) || !this.composer.signatureHolds(messageId, language as MailLanguage, signature)) throw new NotFoundError('Mail message');
    const message = await this.store.byId(messageId);
    const mail = message && (await this.composer.compose(message, language as MailLanguage));
    if (!mail || mail instanceof NothingToSend) throw new NotFoundError('Mail message');
    return mail.html;
  }

  /** Only with NODE_ENV=development: the latest messages of the outbox, each readable in both languages. */
  async mailbox(): Promise<string> {
    if (this.config.NODE_ENV !== 'development') throw new NotFoundError('Mail message');
    const rows = (await this.store.latest(MAILBOX_SIZE)).map(
      (message) => html`<tr><td>${message.createdAt.toISOString()}</td><td>${message.state}</td><td>${message.address ?? message.userId}</td><td>${message.template}</td>
<td>${message.attempts}</td><td>${message.lastError}</td>
<td><a href="${this.composer.webViewUrl(message.id, 'fr')}">fr</a> <a href="${this.composer.webViewUrl(message.id, 'en')}">en</a></td></tr>`,
    );
    return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tandem — development mailbox</title></head>
<body style="font-family: sans-serif"><h1>Development mailbox</h1>
<p>The latest ${MAILBOX_SIZE} messages of the outbox${this.config.SMTP_URL ? '' : ' (no SMTP_URL: they stay queued)'}.</p>
<table><thead><tr><th>created</th><th>state</th><th>to</th><th>template</th><th>attempts</th><th>last error</th><th>read</th></tr></thead>
<tbody>${rows}</tbody></table></body></html>
`.markup;
  }
}
