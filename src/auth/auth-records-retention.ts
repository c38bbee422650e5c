import { Injectable } from '@nestjs/common';
import { RecordsRetention } from '../common/records-retention';
import { AppConfig } from '../config/config';
import { AccountTokenStore } from './account-token.store';
import { LoginThrottleStore } from './login-throttle.store';
import { MfaStore } from './mfa/mfa.store';
import { SessionStore } from './session.store';

/** Ended sessions, refresh tokens, account links, MFA challenges and idle sign-in counts, deleted once EXPIRED_RECORDS_KEPT_DAYS have passed. */
@Injectable()
export class AuthRecordsRetention extends RecordsRetention {
  constructor(
    config: AppConfig,
    private readonly sessions: SessionStore,
    private readonly accountTokens: AccountTokenStore,
    private readonly mfa: MfaStore,
    private readonly throttles: LoginThrottleStore,
  ) {
    super('auth records retention', config);
  }

  protected async prune(endedBefore: Date): Promise<void> {
    await this.sessions.pruneEndedBefore(endedBefore);
    await this.accountTokens.pruneEndedBefore(endedBefore);
    await this.mfa.pruneChallengesEndedBefore(endedBefore);
    await this.throttles.pruneQuietSince(endedBefore);
  }
}
