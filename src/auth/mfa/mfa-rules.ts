import { BadUserInputError } from '../../common/errors';

/** What proves the second factor: a code of the authenticator app, or one of the recovery codes. */
export type SecondFactorProof = { kind: 'code'; code: string } | { kind: 'recoveryCode'; recoveryCode: string };

/** Exactly one of a code and a recovery code; both or neither is BAD_USER_INPUT naming both fields. */
export function secondFactorOf(input: { code?: string | null; recoveryCode?: string | null }): SecondFactorProof {
  if (input.code && !input.recoveryCode) return { kind: 'code', code: input.code };
  if (input.recoveryCode && !input.code) return { kind: 'recoveryCode', recoveryCode: input.recoveryCode };
  const message = 'give either a code or a recovery code';
  throw new BadUserInputError([
    { field: 'code', message },
    { field: 'recoveryCode', message },
  ]);
}

/** A login challenge is traded once, before it expires. */
export function isChallengeUsable(challenge: { usedAt: Date | null; expiresAt: Date }, now: Date): boolean {
  return !challenge.usedAt && challenge.expiresAt.getTime() > now.getTime();
}
