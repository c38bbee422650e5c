import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { queueConnection } from '../common/job-queues';
import { AppConfig } from '../config/config';

interface SendJob {
  messageId: string;
}

/**
 * With REDIS_URL: each due message is a BullMQ job, taken by any process that sends mail. The job
 * only says "try this message": the sender still claims it in PostgreSQL, so a duplicate or stale
 * job sends nothing twice. The queue is named after the database whose outbox it drains, so two
 * deployments (or two test files) sharing a Redis never take each other's jobs.
 */
@Injectable()
export class MailQueue implements OnModuleDestroy {
  private readonly logger = new Logger(MailQueue.name);
  private queue?: Queue<SendJob>;
  private worker?: Worker<SendJob>;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return !!this.config.REDIS_URL;
  }

  get name(): string {
    const database = this.config.DATABASE_URL ? new URL(this.config.DATABASE_URL) : undefined;
    const identity = database ? `${database.hostname}:${database.port}${database.pathname}` : resolve(this.config.TANDEM_DATA_DIR);
    return `mail-${createHash('sha256').update(identity).digest('hex').slice(0, 16)}`;
  }

  /**
   * One job per due message and attempt: a message waiting in the queue is not added twice, and the
   * job of an attempt whose sender died (its lease over: `sending`) is a new one.
   */
  async enqueue(due: { id: string; attempts: number; state: string }[]): Promise<void> {
    if (!due.length) return;
    await this.jobs().addBulk(
      due.map(({ id, attempts, state }) => ({
        name: 'send',
        data: { messageId: id },
        opts: { jobId: `${id}-${attempts}-${state}`, removeOnComplete: true, removeOnFail: true },
      })),
    );
  }

  startWorker(send: (messageId: string) => Promise<void>): void {
    this.worker ??= new Worker<SendJob>(this.name, (job) => send(job.data.messageId), {
      connection: queueConnection(this.config),
      prefix: this.config.FETCH_QUEUE_PREFIX,
      concurrency: this.config.MAIL_BATCH_SIZE,
    });
    this.worker.on('failed', (job, error) => this.logger.error({ err: error, messageId: job?.data.messageId }, 'Mail job failed'));
  }

  jobs(): Queue<SendJob> {
    this.queue ??= new Queue<SendJob>(this.name, { connection: queueConnection(this.config), prefix: this.config.FETCH_QUEUE_PREFIX });
    return this.queue;
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }
}
