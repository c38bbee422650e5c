import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MailOutbox } from '../mail';
import { NotificationDelivery, NotificationKind } from './notification-kind';
import { digestMail } from './notification-mail';
import { NotificationPreferenceStore } from './notification-preference.store';
import { effectivePreference } from './notification-preferences';
import { Notification } from './notification.entity';
import { DigestDay, NotificationStore } from './notification.store';

/** The daily digest: one message per person and local day listing the notices that waited for it, none on a day with nothing new. */
@Injectable()
export class NotificationDigestsService {
  constructor(
    private readonly store: NotificationStore,
    private readonly preferences: NotificationPreferenceStore,
    private readonly outbox: MailOutbox,
    private readonly dataSource: DataSource,
  ) {}

  /** Who has notices waiting for a digest. */
  awaiting(): Promise<string[]> {
    return this.store.awaitingDigest();
  }

  /** Of these people and their local days, those whose day has no digest yet: the others are not worth a transaction. */
  withoutDigest(candidates: readonly DigestDay[]): Promise<DigestDay[]> {
    return this.store.withoutDigest(candidates);
  }

  /**
   * Gives the person's waiting notices to their digest of `day` (their local date) and queues it,
   * unless that day has one already: what comes after waits for the next day. Answers whether a
   * digest was queued.
   */
  async send(userId: string, day: string): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.store.takeForDigest(tx, userId, day))) return false;
      await this.outbox.enqueue(tx, [digestMail(userId, day)]);
      return true;
    });
  }

  /**
   * The notices of a person's digest of `day`, for its message: those their choices still send
   * daily. A digest waiting in the outbox (a busy mail server) has taken its notices already, so an
   * unsubscribe since changed none of them: it is heeded here, when the message is built.
   */
  async notices(userId: string, day: string): Promise<Notification[]> {
    const [notices, choices] = await Promise.all([this.store.digestOf(userId, day), this.preferences.choicesOf([userId])]);
    return notices.filter((notice) => effectivePreference(choices, notice.kind as NotificationKind, notice.workspaceId).delivery === NotificationDelivery.DAILY);
  }
}
