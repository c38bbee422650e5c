import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AttemptThrottle, ThrottleRule } from '../attempt-throttle';
import { LoginThrottleStore } from '../login-throttle.store';
import { MfaKeys } from './mfa-keys';
import { MfaNotices } from './mfa-notices';
import { SecondFactorProof } from './mfa-rules';
import { MfaStore } from './mfa.store';
import { normalizeRecoveryCode } from './recovery-codes';
import { isFreshTimeStep, matchingTimeStep } from './totp';

const LOCKS = { windowMs: 15 * 60_000, firstLockMs: 30_000, maxLockMs: 15 * 60_000 };
/** A person gets a few tries across challenges; one challenge fewer, so a stolen password buys little guessing. */
const PER_PERSON: ThrottleRule = { freeAttempts: 4, ...LOCKS };
const PER_CHALLENGE: ThrottleRule = { freeAttempts: 2, ...LOCKS };

export interface ProofOptions {
  /** The login challenge the proof answers, throttled on its own as well. */
  challengeId?: string;
  /** Checks a code against an enrolment waiting for its first one (confirmMfa) instead of an enabled factor. */
  pending?: boolean;
  /** The refusal of a wrong or replayed proof. */
  refusal: () => Error;
}

/**
 * Checks that someone holds their second factor: a TOTP code (each time step accepted once, and
 * never one older than the last), or an unused recovery code (then used up, and its owner told).
 * Every attempt is counted before it is checked, against the person and the challenge, and
 * refused with RATE_LIMITED past a few failures; a success forgets the count.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly store: MfaStore,
    private readonly keys: MfaKeys,
    private readonly attempts: AttemptThrottle,
    private readonly throttles: LoginThrottleStore,
    private readonly notices: MfaNotices,
    private readonly dataSource: DataSource,
  ) {}

  /** Runs `then` in the transaction that accepted `proof` from `userId`; a wrong proof throws `options.refusal()`. */
  async prove<T>(userId: string, proof: SecondFactorProof, options: ProofOptions, then: (tx: EntityManager) => Promise<T>): Promise<T> {
    const keys: [string, ThrottleRule][] = [[`mfa:user:${userId}`, PER_PERSON]];
    if (options.challengeId) keys.push([`mfa:challenge:${options.challengeId}`, PER_CHALLENGE]);
    // Committed on its own, before the check: guesses sent in parallel are all counted.
    await this.dataSource.transaction(async (tx) => {
      for (const [key, rule] of keys) await this.attempts.count(tx, key, rule, new Date());
    });
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.accepts(tx, userId, proof, options.pending ?? false))) throw options.refusal();
      for (const [key] of keys) await this.throttles.clear(tx, key);
      return then(tx);
    });
  }

  private async accepts(tx: EntityManager, userId: string, proof: SecondFactorProof, pending: boolean): Promise<boolean> {
    // Locked: two attempts with the same code cannot both find its step fresh.
    const enrolment = await this.store.lockEnrolment(tx, userId);
    if (!enrolment || (enrolment.enabledAt === null) !== pending) return false;
    const now = new Date();
    if (proof.kind === 'recoveryCode') {
      const code = normalizeRecoveryCode(proof.recoveryCode);
      if (pending || !code) return false;
      const codeHash = this.keys.recoveryCodeHash(code);
      if (!(await this.store.useRecoveryCode(tx, userId, codeHash, now))) return false;
      // A code used up is worth telling: it may mean someone else holds the password and a code.
      await this.notices.tell(tx, userId, 'recoveryCodeUsed', now, codeHash, { remaining: await this.store.recoveryCodesRemaining(userId, tx) });
      return true;
    }
    const step = await matchingTimeStep(this.keys.openSecret(userId, enrolment.sealedSecret), proof.code, now);
    if (step === null || !isFreshTimeStep(step, enrolment.lastUsedStep)) return false;
    await this.store.recordTimeStep(tx, userId, step);
    return true;
  }
}
