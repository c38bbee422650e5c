import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { EmailField, LookupEmailField, EnumField, TextField } from '../../common/input-fields';
import { Language } from '../../common/localized-text';
import { PlainName } from '../../common/text-hygiene';
import { User } from '../user.entity';

/** Long enough for a passphrase, short enough that hashing it is not a denial of service. */
export const PASSWORD_MAX_LENGTH = 256;

/** A password as typed: no trimming, since blanks may be part of it. */
const PasswordField = () => TextField({ max: PASSWORD_MAX_LENGTH });

@InputType()
export class RegisterInput {
  @EmailField()
  email: string;

  @PasswordField()
  password: string;

  @TextField({ max: 120, trim: true, notEmpty: true })
  @PlainName()
  displayName: string;

  @EnumField(Language, { nullable: true })
  preferredLanguage?: Language;
}

@InputType()
export class LoginInput {
  @LookupEmailField()
  email: string;

  @PasswordField()
  password: string;
}

@InputType()
export class RefreshSessionInput {
  @TextField({ max: 128 })
  refreshToken: string;
}

@ObjectType()
export class AuthPayload {
  @Field({ description: 'A JWT for the Authorization header; valid for 15 minutes' })
  accessToken: string;

  @Field({ description: 'Opaque, single-use: trade it for a new pair with refreshSession' })
  refreshToken: string;

  @Field()
  accessTokenExpiresAt: Date;

  @Field(() => User)
  user: User;
}
