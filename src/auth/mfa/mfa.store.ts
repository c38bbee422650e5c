import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, Not } from 'typeorm';
import { MfaChallenge, MfaRecoveryCode, UserMfa } from './mfa.entity';

/** Second factors: enrolments, recovery codes and login challenges. */
@Injectable()
export class MfaStore {
  constructor(private readonly db: EntityManager) {}

  // Enrolments

  /** Whether the person has a confirmed second factor; read in `tx` when given. */
  isEnabled(userId: string, tx?: EntityManager): Promise<boolean> {
    return (tx ?? this.db).existsBy(UserMfa, { userId, enabledAt: Not(IsNull()) });
  }

  /** The person's enrolment, confirmed or not, or null. */
  enrolmentOf(userId: string): Promise<UserMfa | null> {
    return this.db.findOneBy(UserMfa, { userId });
  }

  /** The person's enrolment, confirmed or not, locked until `tx` ends: codes of one person are checked one at a time. */
  lockEnrolment(tx: EntityManager, userId: string): Promise<UserMfa | null> {
    return tx.findOne(UserMfa, { where: { userId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Starts (or restarts) an enrolment waiting for its first code, with a new sealed secret. */
  async enrol(tx: EntityManager, userId: string, sealedSecret: string): Promise<void> {
    await tx.upsert(UserMfa, { userId, sealedSecret, enabledAt: null, lastUsedStep: null }, ['userId']);
  }

  async enable(tx: EntityManager, userId: string, enabledAt: Date): Promise<void> {
    await tx.update(UserMfa, { userId }, { enabledAt });
  }

  /** Records the time step of an accepted code. */
  async recordTimeStep(tx: EntityManager, userId: string, step: number): Promise<void> {
    await tx.update(UserMfa, { userId }, { lastUsedStep: step });
  }

  /** Forgets the person's second factor: the enrolment, the recovery codes and the pending challenges. */
  async remove(tx: EntityManager, userId: string): Promise<void> {
    await tx.delete(MfaChallenge, { userId });
    await tx.delete(MfaRecoveryCode, { userId });
    await tx.delete(UserMfa, { userId });
  }

  // Recovery codes

  /** Replaces the person's recovery codes by these hashes. */
  async replaceRecoveryCodes(tx: EntityManager, userId: string, codeHashes: readonly string[]): Promise<void> {
    await tx.delete(MfaRecoveryCode, { userId });
    await tx.insert(
      MfaRecoveryCode,
      codeHashes.map((codeHash) => ({ userId, codeHash })),
    );
  }

  /** Marks the unused code with this hash used; false when there is none (wrong, or already used). */
  async useRecoveryCode(tx: EntityManager, userId: string, codeHash: string, usedAt: Date): Promise<boolean> {
    const used = await tx.update(MfaRecoveryCode, { userId, codeHash, usedAt: IsNull() }, { usedAt });
    return used.affected === 1;
  }

  /** How many of the person's recovery codes are still unused; read in `tx` when given. */
  recoveryCodesRemaining(userId: string, tx?: EntityManager): Promise<number> {
    return (tx ?? this.db).countBy(MfaRecoveryCode, { userId, usedAt: IsNull() });
  }

  // Login challenges

  /** Deletes the challenges that were used or expired before `endedBefore`. */
  async pruneChallengesEndedBefore(endedBefore: Date): Promise<void> {
    await this.db.query(`DELETE FROM mfa_challenge WHERE expires_at < $1 OR used_at < $1`, [endedBefore]);
  }

  async insertChallenge(tx: EntityManager, challenge: Pick<MfaChallenge, 'userId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await tx.insert(MfaChallenge, challenge);
  }

  /** The challenge with this token hash, or null. */
  challengeByHash(tokenHash: string): Promise<MfaChallenge | null> {
    return this.db.findOneBy(MfaChallenge, { tokenHash });
  }

  /** The challenge, locked until `tx` ends: only one attempt can use it. */
  lockChallenge(tx: EntityManager, id: string): Promise<MfaChallenge | null> {
    return tx.findOne(MfaChallenge, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markChallengeUsed(tx: EntityManager, id: string, usedAt: Date): Promise<void> {
    await tx.update(MfaChallenge, { id }, { usedAt });
  }
}
