import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashToken, newOpaqueToken } from '../../common/tokens';
import { User } from '../user.entity';
import { LoginPayload } from './dto/mfa.types';
import { MfaStore } from './mfa.store';

const CHALLENGE_TTL_MS = 5 * 60_000;

/** The second step of signing in to an account with MFA: what a right password earns instead of tokens. */
@Injectable()
export class MfaChallengeService {
  constructor(
    private readonly store: MfaStore,
    private readonly dataSource: DataSource,
  ) {}

  /** A single-use challenge for verifyMfa when `user` has MFA (only its hash is kept); null when they have none. */
  async challengeFor(user: User): Promise<LoginPayload | null> {
    if (!(await this.store.isEnabled(user.id))) return null;
    const token = newOpaqueToken();
    const expiresAt = new Date(Date.now() + CHALLENGE_TTL_MS);
    await this.dataSource.transaction((tx) => this.store.insertChallenge(tx, { userId: user.id, tokenHash: hashToken(token), expiresAt }));
    return {
      mfaRequired: true,
      mfaChallenge: token,
      mfaChallengeExpiresAt: expiresAt,
      accessToken: null,
      refreshToken: null,
      accessTokenExpiresAt: null,
      user: null,
    };
  }
}
