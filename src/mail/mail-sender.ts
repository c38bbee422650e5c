import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { CoalescedRun } from '../common/coalesced-run';
import { AppConfig } from '../config/config';
import { MailComposer, NothingToSend } from './mail-composer';
import { MailOutbox } from './mail-outbox';
import { MailQueue } from './mail-queue';
import { withoutSecrets } from './mail-secrets';
import { AttemptOutcome, MailStore } from './mail.store';
import { MessageState, OutboundMessage } from './outbound-message.entity';

/** How many due messages one look puts on the queue at most (REDIS_URL); the rest wait for the next. */
const ENQUEUE_BATCH = 500;
const REASON_MAX_LENGTH = 500;
/** SMTP's permanent refusals: trying again would be refused again. */
const PERMANENT_REFUSAL = 500;

/**
 * Drains the outbox through SMTP_URL. Without REDIS_URL, in process: after each commit that
 * enqueued mail and every MAIL_POLL_MS, it claims due messages a batch at a time (`FOR UPDATE SKIP
 * LOCKED`, so several processes share the work) and sends them one by one, renewing each one's
 * lease of MAIL_LEASE_SECONDS right before its send: a message whose lease ran out while a slow
 * server held the batch is another sender's, and skipped. With REDIS_URL the same wake-ups put the due messages on the mail queue, and
 * every process with MAIL_SENDER=on takes jobs from it. Each message is built at send time, sent,
 * and its outcome recorded: sent, retried with exponential back-off, failed at once on a permanent
 * (5xx) refusal or after MAIL_MAX_ATTEMPTS, or cancelled when there is nothing to send any more. A sender killed mid-batch
 * leaves its messages `sending` until the lease ends; another then sends them with the same
 * Message-ID. Without SMTP_URL nothing is sent: messages stay queued.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MailSender.name);
  private transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private stopCommits?: () => void;
  private stopping = false;
  /** One look for due messages; a wake during a look makes one more after it, never two at once. */
  private readonly looks = new CoalescedRun(
    () => (this.queue.enabled ? this.enqueueDue() : this.drain()),
    (error) => this.logger.error({ err: error }, 'The mail outbox could not be drained'),
  );

  constructor(
    private readonly config: AppConfig,
    private readonly store: MailStore,
    private readonly composer: MailComposer,
    private readonly outbox: MailOutbox,
    private readonly queue: MailQueue,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SMTP_URL) return;
    if (this.config.MAIL_SENDER === 'on') {
      this.transport = createTransport({ url: this.config.SMTP_URL, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
      if (this.queue.enabled) this.queue.startWorker((id) => this.sendById(id));
    }
    // With REDIS_URL even a process that sends nothing puts what it enqueued on the queue.
    if (!this.queue.enabled && !this.transport) return;
    this.stopCommits = this.outbox.onCommitted(() => this.looks.wake());
    this.timer = setInterval(() => this.looks.wake(), this.config.MAIL_POLL_MS).unref();
    this.looks.wake();
  }

  /** Claims nothing more, lets the message in flight finish, and hands back what was claimed but not tried. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.stopCommits?.();
    await this.looks.stop();
    this.transport?.close();
  }

  private async enqueueDue(): Promise<void> {
    await this.queue.enqueue(await this.store.dueIds(new Date(), ENQUEUE_BATCH));
  }

  /** Sends every due message, a claimed batch at a time, until none is due. */
  private async drain(): Promise<void> {
    while (!this.stopping) {
      const batch = await this.claim(this.config.MAIL_BATCH_SIZE);
      if (!batch.length) return;
      try {
        while (batch.length && !this.stopping) {
          const message = batch.shift() as OutboundMessage;
          // The batch's lease may have run out behind a slow server: send only what is still ours.
          if (await this.store.renewClaim(message.id, message.attempts, this.config.MAIL_LEASE_SECONDS)) await this.deliver(message);
        }
      } finally {
        await this.store.release(batch);
      }
    }
  }

  /** A queue job: the message, if it is still due (a stale or duplicate job finds it sent, or held). */
  private async sendById(id: string): Promise<void> {
    const [message] = await this.claim(1, id);
    if (message) await this.deliver(message);
  }

  private claim(limit: number, id?: string): Promise<OutboundMessage[]> {
    const now = new Date();
    return this.store.claimDue(now, new Date(now.getTime() + this.config.MAIL_LEASE_SECONDS * 1000), limit, id);
  }

  private async deliver(message: OutboundMessage): Promise<void> {
    const outcome = await this.attempt(message);
    if (!(await this.store.finishAttempt(message.id, message.attempts, outcome))) {
      this.logger.warn({ messageId: message.messageId }, 'A mail attempt ended after its lease: another sender has taken the message');
    }
  }

  private async attempt(message: OutboundMessage): Promise<AttemptOutcome> {
    const params = withoutSecrets(message.params);
    try {
      const mail = await this.composer.compose(message);
      if (mail instanceof NothingToSend) return { state: MessageState.cancelled, reason: mail.reason, params };
      await (this.transport as Transporter).sendMail({
        from: this.config.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: message.messageId,
        headers: mail.headers,
      });
      return { state: MessageState.sent, params };
    } catch (error) {
      const reason = reasonOf(error);
      const permanent = ((error as { responseCode?: number }).responseCode ?? 0) >= PERMANENT_REFUSAL;
      if (permanent || message.attempts >= this.config.MAIL_MAX_ATTEMPTS) return { state: MessageState.failed, reason, params };
      const delaySeconds = this.config.MAIL_RETRY_BASE_SECONDS * 2 ** (message.attempts - 1);
      return { state: MessageState.queued, reason, retryAt: new Date(Date.now() + delaySeconds * 1000) };
    }
  }
}

/** What the SMTP server answered, or what went wrong before it could. */
function reasonOf(error: unknown): string {
  const { response, message } = error as { response?: string; message?: string };
  return String(response ?? message ?? error).slice(0, REASON_MAX_LENGTH);
}
