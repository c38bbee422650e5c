import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { stack } from '../../../common/decorators';
import { fieldOf, FieldShape, TextField } from '../../../common/input-fields';
import { PASSWORD_MAX_LENGTH } from '../../dto/auth.inputs';
import { User } from '../../user.entity';

/** Six digits, as an authenticator app shows them; blanks between groups ("123 456") are dropped. */
const TotpCodeField = (shape: FieldShape = {}) =>
  stack(
    fieldOf(() => String, shape),
    Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s/g, '') : value)),
    IsString(),
    Matches(/^\d{6}$/, { message: 'must be the 6 digits your authenticator app shows' }),
  );

@InputType()
export class ConfirmMfaInput {
  @TotpCodeField()
  code: string;

  @TextField({ max: PASSWORD_MAX_LENGTH, description: 'The current password: a stolen access token alone cannot put a second factor on the account' })
  password: string;
}

/** A code of the authenticator app, or one of the recovery codes: exactly one. */
@InputType({ isAbstract: true })
class SecondFactorInput {
  @TotpCodeField({ nullable: true })
  code?: string | null;

  @TextField({ max: 32, nullable: true })
  recoveryCode?: string | null;
}

@InputType()
export class DisableMfaInput extends SecondFactorInput {}

@InputType()
export class VerifyMfaInput extends SecondFactorInput {
  @TextField({ max: 128, description: 'The mfaChallenge that login answered' })
  challenge: string;
}

@ObjectType({ description: 'A second factor waiting for its first code (confirmMfa)' })
export class MfaEnrolment {
  @Field({ description: 'For the authenticator app (as a QR code): otpauth://totp/Tandem:…' })
  otpauthUri: string;

  @Field({ description: 'The same secret in base32, for typing in by hand; shown only this once' })
  secret: string;
}

@ObjectType()
export class MfaConfirmation {
  @Field(() => [String], { description: 'Ten single-use codes for when the authenticator app is lost; shown only this once' })
  recoveryCodes: string[];
}

/** What login answers: the tokens, or, for an account with MFA, a challenge to complete with verifyMfa. */
@ObjectType()
export class LoginPayload {
  @Field({ description: 'True when the tokens wait for a second factor: send mfaChallenge and a code to verifyMfa' })
  mfaRequired: boolean;

  @Field(() => String, { nullable: true, description: 'Single-use, valid for 5 minutes; only when mfaRequired' })
  mfaChallenge: string | null;

  @Field(() => Date, { nullable: true })
  mfaChallengeExpiresAt: Date | null;

  @Field(() => String, { nullable: true, description: 'A JWT for the Authorization header; valid for 15 minutes. Null when mfaRequired' })
  accessToken: string | null;

  @Field(() => String, { nullable: true, description: 'Opaque, single-use: trade it for a new pair with refreshSession. Null when mfaRequired' })
  refreshToken: string | null;

  @Field(() => Date, { nullable: true })
  accessTokenExpiresAt: Date | null;

  @Field(() => User, { nullable: true, description: 'Null when mfaRequired' })
  user: User | null;
}
