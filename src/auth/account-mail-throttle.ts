import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { networkOf } from '../common/client-network';
import { AppConfig } from '../config/config';
import { AttemptThrottle, ThrottleRule } from './attempt-throttle';

const HOUR_MS = 3600_000;
const LOCKS = { windowMs: HOUR_MS, firstLockMs: 60_000, maxLockMs: HOUR_MS };

/**
 * Throttles every request that sends an account mail (registration, verification link, password
 * reset, address change), per client address and per target address, whether or not an account
 * has that address: the throttle answers the same either way, so it tells nothing.
 */
@Injectable()
export class AccountMailThrottle {
  private readonly perClient: ThrottleRule;
  private readonly perRecipient: ThrottleRule;

  constructor(
    private readonly attempts: AttemptThrottle,
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.perClient = { freeAttempts: config.ACCOUNT_MAIL_PER_CLIENT_ADDRESS, ...LOCKS };
    this.perRecipient = { freeAttempts: config.ACCOUNT_MAIL_PER_RECIPIENT, ...LOCKS };
  }

  /** Counts one request to mail `recipient` from `clientAddress`, or refuses it with RATE_LIMITED. */
  async admit(recipient: string, clientAddress: string, now = new Date()): Promise<void> {
    // Committed on its own: a request that fails later still counted.
    await this.dataSource.transaction(async (tx) => {
      // Always the recipient first, then the client: concurrent requests lock rows in one order.
      await this.attempts.count(tx, `account-mail:to:${recipient}`, this.perRecipient, now);
      await this.attempts.count(tx, `account-mail:from:${networkOf(clientAddress)}`, this.perClient, now);
    });
  }
}
