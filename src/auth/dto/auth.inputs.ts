import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Language } from '../../common/localized-text';
import { User } from '../user.entity';
import { lower, trim } from '../../common/input-transforms';
import { PlainName } from '../../common/text-hygiene';


/** Long enough for a passphrase, short enough that hashing it is not a denial of service. */
export const PASSWORD_MAX_LENGTH = 256;

@InputType()
export class RegisterInput {
  @Field()
  @Transform(lower)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  @PlainName()
  email: string;

  @Field()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @Field()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  @PlainName()
  displayName: string;

  @Field(() => Language, { nullable: true })
  @IsOptional()
  @IsEnum(Language)
  preferredLanguage?: Language;
}

@InputType()
export class LoginInput {
  @Field()
  @Transform(lower)
  @IsString()
  @MaxLength(254)
  @PlainName()
  email: string;

  @Field()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

@InputType()
export class RefreshSessionInput {
  @Field()
  @IsString()
  @MaxLength(128)
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
