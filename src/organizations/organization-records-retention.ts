import { Injectable } from '@nestjs/common';
import { RecordsRetention } from '../common/records-retention';
import { AppConfig } from '../config/config';
import { OrganizationStore } from './organization.store';

/**
 * Invitations accepted or expired, deleted once EXPIRED_RECORDS_KEPT_DAYS have passed: each holds
 * the address of someone who may never have joined. The membership an invitation led to stays.
 */
@Injectable()
export class OrganizationRecordsRetention extends RecordsRetention {
  constructor(
    config: AppConfig,
    private readonly store: OrganizationStore,
  ) {
    super('organization records retention', config);
  }

  protected prune(endedBefore: Date): Promise<void> {
    return this.store.pruneInvitationsEndedBefore(endedBefore);
  }
}
