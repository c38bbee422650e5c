import { AddressObject, ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { eventually } from './eventually';

/** One message the test SMTP server accepted, parsed. */
export interface ReceivedMail {
  messageId: string;
  /** The envelope's recipients (RCPT TO), lower-cased. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Every header, lower-cased names (mailparser's map: address headers parsed). */
  headers: ParsedMail['headers'];
  /** A header's raw value as sent, e.g. header('list-unsubscribe-post'). */
  header(name: string): string | undefined;
  parsed: ParsedMail;
}

/** An SMTP refusal: 4xx is temporary (the sender retries), 5xx permanent. */
export interface SmtpRefusal {
  code: number;
  message: string;
}

/**
 * Decides each message once it has arrived, before the server answers: nothing accepts it, a
 * refusal answers with its code, a promise that does not settle keeps the sender waiting (a
 * stalled server). `index` counts every message offered, accepted or not, from 0.
 */
export type Gatekeeper = (mail: { to: string[]; subject: string; messageId: string; index: number }) => SmtpRefusal | void | Promise<SmtpRefusal | void>;

/**
 * A real SMTP server on 127.0.0.1 (a free port, no authentication, no TLS) that collects what it
 * accepts, parsed with mailparser. Start it before the app (see `useMailbox`) and give the app
 * `mailbox.env`.
 */
export class Mailbox {
  readonly received: ReceivedMail[] = [];
  /** See Gatekeeper; accepts everything by default. */
  gatekeeper: Gatekeeper = () => undefined;
  private server?: SMTPServer;
  private port?: number;
  private offered = 0;
  /** The messages `next` already handed out. */
  private readonly taken = new Set<ReceivedMail>();

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => void this.receive(stream, session).then(() => callback(), callback),
    });
    server.on('error', () => undefined);
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  /** What the app needs to send here. */
  get env(): { SMTP_URL: string } {
    if (!this.port) throw new Error('The mailbox is not started');
    return { SMTP_URL: `smtp://127.0.0.1:${this.port}` };
  }

  /** Every message accepted so far for `address` (any case), in arrival order. */
  messagesTo(address: string): ReceivedMail[] {
    const wanted = address.toLowerCase();
    return this.received.filter((mail) => mail.to.includes(wanted));
  }

  /**
   * The first message for `to` (and whose subject contains `subject`, or matches it) that `next`
   * has not handed out yet, waiting for it to arrive.
   */
  async next(filter: { to: string; subject?: string | RegExp }, timeoutMs = 30_000): Promise<ReceivedMail> {
    const matches = (mail: ReceivedMail) =>
      !this.taken.has(mail) &&
      (filter.subject === undefined || (typeof filter.subject === 'string' ? mail.subject.includes(filter.subject) : filter.subject.test(mail.subject)));
    let found: ReceivedMail | undefined;
    await eventually(async () => !!(found = this.messagesTo(filter.to).find(matches)), `a message to ${filter.to}${filter.subject ? ` about ${filter.subject}` : ''}`, timeoutMs);
    this.taken.add(found!);
    return found!;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((closed) => server.close(() => closed()));
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const parsed = await simpleParser(Buffer.concat(chunks));
    const to = session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase());
    const messageId = parsed.messageId ?? '';
    const refusal = await this.gatekeeper({ to, subject: parsed.subject ?? '', messageId, index: this.offered++ });
    if (refusal) throw Object.assign(new Error(refusal.message), { responseCode: refusal.code });
    const raw = new Map(parsed.headerLines.map((line) => [line.key, line.line.slice(line.line.indexOf(':') + 1).trim()]));
    this.received.push({
      messageId,
      to,
      from: addressesOf(parsed.from)[0] ?? '',
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: parsed.html || '',
      headers: parsed.headers,
      header: (name) => raw.get(name.toLowerCase()),
      parsed,
    });
  }
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((object) => object.value.map((entry) => (entry.address ?? '').toLowerCase()));
}

/**
 * A mailbox for the whole test file, started before any app (an outer hook runs before
 * describeApp's) and closed after: `const mailbox = useMailbox();` at the top of the file, then
 * `describeApp('…', { env: () => mailbox.env }, …)`.
 */
export function useMailbox(): Mailbox {
  const mailbox = new Mailbox();
  beforeAll(() => mailbox.start());
  afterAll(() => mailbox.close());
  return mailbox;
}
