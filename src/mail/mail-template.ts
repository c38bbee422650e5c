/** The languages a message is written in: Canada's official ones. */
export type MailLanguage = 'fr' | 'en';

export const otherLanguage = (language: MailLanguage): MailLanguage => (language === 'fr' ? 'en' : 'fr');

/** A person (address, name and language read when the message is built), or a bare address. */
export type MailRecipient = { userId: string } | { address: string; language: MailLanguage };

export interface OutgoingMail {
  to: MailRecipient;
  /** A registered template's name, e.g. 'organization.invitation'. */
  template: string;
  /**
   * JSON stored with the message. A secret only when the message must carry it (an invitation
   * token), under a key starting with `secret`: sealed in the outbox, opened only to build the
   * message, erased once it is sent, failed or cancelled.
   */
  params: Record<string, unknown>;
  /** Unique per logical message: enqueuing the same key again is a no-op. */
  idempotencyKey: string;
}

/** Whom a message is built for, as known at send time. */
export interface BuiltRecipient {
  userId: string | null;
  address: string;
  language: MailLanguage;
  displayName: string | null;
}

/** HTML whose text parts went through `html`: interpolated into another `html` as it is. */
export class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/**
 * The one way to write a message's HTML: every interpolated value is escaped, except `Html`
 * (another `html` fragment); arrays are joined, null and undefined are nothing.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const part = (value: unknown): string =>
    value instanceof Html ? value.markup : Array.isArray(value) ? value.map(part).join('') : value === null || value === undefined ? '' : escapeHtml(String(value));
  return new Html(strings.reduce((markup, text, index) => markup + text + (index < values.length ? part(values[index]) : ''), ''));
}

export interface RenderedMail {
  subject: string;
  /** The plain-text body: the mail module adds the header, the footer and the other-language link. */
  text: string;
  /** The HTML body fragment, built with `html` (a string must be escaped already). */
  html: Html | string;
  /** Sets List-Unsubscribe and List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058). */
  unsubscribeUrl?: string;
}

export interface MailTemplate<P = Record<string, unknown>> {
  name: string;
  /**
   * Built when the message is sent (and when its web view is read), so what it shows is checked
   * then: null means there is nothing to send any more, and the message is cancelled.
   */
  build(params: P, recipient: BuiltRecipient, language: MailLanguage): Promise<RenderedMail | null>;
}

/** A day as people of `language` write it ("1 décembre 2026", "December 1, 2026"), in UTC. */
export function mailDate(date: Date, language: MailLanguage): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
