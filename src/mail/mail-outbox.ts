import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { AppConfig } from '../config/config';
import { OutgoingMail } from './mail-template';
import { MailSecrets } from './mail-secrets';
import { MailTemplates } from './mail-templates';
import { MailStore } from './mail.store';

/** Marks a transaction that enqueued mail, on its query runner, for the commit watcher. */
const ENQUEUED = 'mailEnqueued';

/** The domain of an address such as `Tandem <no-reply@tandem.example.ca>`. */
export function mailDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim();
}

/**
 * The transactional outbox of e-mail: a message is written in the transaction of the change that
 * causes it, so it exists if and only if the change commits, and a sender delivers it afterwards.
 */
@Injectable()
export class MailOutbox implements EntitySubscriberInterface {
  private readonly committed = new Set<() => void>();

  constructor(
    private readonly store: MailStore,
    private readonly config: AppConfig,
    private readonly templates: MailTemplates,
    private readonly secrets: MailSecrets,
    dataSource: DataSource,
  ) {
    // A TypeORM subscriber sees every commit: the sender is woken only once the messages are durable.
    dataSource.subscribers.push(this);
  }

  /**
   * In the change's transaction. A message's Message-ID is fixed here: every attempt sends the same
   * message. Its secrets are sealed: the outbox never holds them in clear.
   */
  async enqueue(tx: EntityManager, mails: OutgoingMail[]): Promise<void> {
    if (!mails.length) return;
    // A message no template can build is a mistake in the code: the change fails, rather than a message later.
    const unknown = mails.find((mail) => !this.templates.get(mail.template));
    if (unknown) throw new Error(`No mail template is registered as ${unknown.template}`);
    const domain = mailDomain(this.config.MAIL_FROM);
    await this.store.enqueue(
      tx,
      mails.map(({ to, template, params, idempotencyKey }) => ({
        userId: 'userId' in to ? to.userId : null,
        address: 'address' in to ? to.address.trim().toLowerCase() : null,
        language: 'address' in to ? to.language : null,
        template,
        params: this.secrets.seal(idempotencyKey, params),
        idempotencyKey,
        messageId: `<${randomUUID()}@${domain}>`,
      })),
    );
    if (tx.queryRunner) tx.queryRunner.data[ENQUEUED] = true;
  }

  /** Calls `listener` after each commit that enqueued mail in this process. */
  onCommitted(listener: () => void): () => void {
    this.committed.add(listener);
    return () => this.committed.delete(listener);
  }

  backlog(): Promise<Record<string, number>> {
    return this.store.backlog();
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // A savepoint's release commits nothing yet: wait for the outer commit.
    if (queryRunner.isTransactionActive || !queryRunner.data[ENQUEUED]) return;
    delete queryRunner.data[ENQUEUED];
    for (const listener of this.committed) listener();
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) delete queryRunner.data[ENQUEUED];
  }
}
