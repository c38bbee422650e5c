import { Injectable } from '@nestjs/common';
import { RecordsRetention } from '../common/records-retention';
import { AppConfig } from '../config/config';
import { MailStore } from './mail.store';

/** Sent, failed and cancelled messages, deleted once EXPIRED_RECORDS_KEPT_DAYS have passed: their parameters name people. */
@Injectable()
export class MailRecordsRetention extends RecordsRetention {
  constructor(
    config: AppConfig,
    private readonly store: MailStore,
  ) {
    super('mail records retention', config);
  }

  protected prune(endedBefore: Date): Promise<void> {
    return this.store.pruneFinishedBefore(endedBefore);
  }
}
