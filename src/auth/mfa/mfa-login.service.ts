import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '../../common/errors';
import { hashToken } from '../../common/tokens';
import { AuthService } from '../auth.service';
import { AuthPayload } from '../dto/auth.inputs';
import { UsersStore } from '../users.store';
import { VerifyMfaInput } from './dto/mfa.types';
import { isChallengeUsable, secondFactorOf } from './mfa-rules';
import { MfaStore } from './mfa.store';
import { SecondFactorService } from './second-factor.service';

const INVALID_CHALLENGE = 'This sign-in challenge is invalid, expired or already used: sign in again';

/** Completes a sign-in that login answered with an MFA challenge. */
@Injectable()
export class MfaLoginService {
  constructor(
    private readonly store: MfaStore,
    private readonly factors: SecondFactorService,
    private readonly users: UsersStore,
    private readonly auth: AuthService,
  ) {}

  /** The challenge and a code (or a recovery code) of its account open a session; the challenge is then used up. */
  async verify(input: VerifyMfaInput): Promise<AuthPayload> {
    const proof = secondFactorOf(input);
    const challenge = await this.store.challengeByHash(hashToken(input.challenge));
    if (!challenge || !isChallengeUsable(challenge, new Date())) throw new UnauthenticatedError(INVALID_CHALLENGE);
    const user = await this.users.get(challenge.userId);
    const refusal = () => new UnauthenticatedError('Wrong or already used code');
    return this.factors.prove(user.id, proof, { challengeId: challenge.id, refusal }, async (tx) => {
      // Checked again under its lock: two right codes sent at once open one session, not two.
      const locked = await this.store.lockChallenge(tx, challenge.id);
      if (!locked || !isChallengeUsable(locked, new Date())) throw new UnauthenticatedError(INVALID_CHALLENGE);
      await this.store.markChallengeUsed(tx, challenge.id, new Date());
      return this.auth.startSession(tx, user, new Date());
    });
  }
}
