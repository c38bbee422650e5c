import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsFQDN,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LocalizedTextInput } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { Jurisdiction, OrganizationRole } from '../organization.entity';
import { CANADIAN_REGIONS } from '../regions';
import { lower } from '../../common/input-transforms';
import { PlainName } from '../../common/text-hygiene';
import { SLUG_MESSAGE, SLUG_PATTERN } from '../../common/slug';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const domains = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((domain) => (typeof domain === 'string' ? domain.trim().toLowerCase() : domain)))] : value;

/** Optional, but not null: validated whenever the field is given, so an explicit null is refused. */
const IsPresentIfGiven = () => ValidateIf((_, value) => value !== undefined);


@InputType()
export class CreateOrganizationInput {
  @Field()
  @Transform(lower)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  @PlainName()
  slug: string;

  @Field(() => LocalizedTextInput)
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  @PlainName()
  name: LocalizedTextInput;

  @Field(() => LocalizedTextInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  @PlainName()
  acronym?: LocalizedTextInput;

  @Field(() => Jurisdiction)
  @IsEnum(Jurisdiction)
  jurisdiction: Jurisdiction;

  @Field({ nullable: true, description: 'ISO 3166-2:CA, e.g. CA-QC' })
  @IsOptional()
  @Transform(upper)
  @IsIn(CANADIAN_REGIONS, { message: 'must be an ISO 3166-2:CA code such as CA-QC' })
  region?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @Transform(domains)
  @ArrayMaxSize(20)
  @IsFQDN({ require_tld: true }, { each: true, message: 'each must be a domain name such as quebec.ca' })
  emailDomains?: string[];
}

/** Omitted fields stay as they are; `region` and `acronym` may be cleared with null. */
@InputType()
export class UpdateOrganizationInput {
  @Field(() => ID)
  @IsUUID()
  organizationId: string;

  // Omitted, not null: an organization always has a name, a jurisdiction and a list of domains.
  @Field(() => LocalizedTextInput, { nullable: true })
  @IsPresentIfGiven()
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  @PlainName()
  name?: LocalizedTextInput;

  @Field(() => LocalizedTextInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  @PlainName()
  acronym?: LocalizedTextInput | null;

  @Field(() => Jurisdiction, { nullable: true })
  @IsPresentIfGiven()
  @IsEnum(Jurisdiction)
  jurisdiction?: Jurisdiction;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(upper)
  @IsIn(CANADIAN_REGIONS, { message: 'must be an ISO 3166-2:CA code such as CA-QC' })
  region?: string | null;

  @Field(() => [String], { nullable: true })
  @IsPresentIfGiven()
  @Transform(domains)
  @IsArray()
  @ArrayMaxSize(20)
  @IsFQDN({ require_tld: true }, { each: true, message: 'each must be a domain name such as quebec.ca' })
  emailDomains?: string[];
}

@ArgsType()
export class OrganizationsArgs extends PageArgs {
  @Field(() => Jurisdiction, { nullable: true })
  @IsOptional()
  @IsEnum(Jurisdiction)
  jurisdiction?: Jurisdiction;

  @Field({ nullable: true, description: 'Words of a name, acronym or slug, in French or English; accents optional' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

@InputType()
export class InviteToOrganizationInput {
  @Field(() => ID)
  @IsUUID()
  organizationId: string;

  @Field()
  @Transform(lower)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  @PlainName()
  email: string;

  @Field(() => OrganizationRole)
  @IsEnum(OrganizationRole)
  role: OrganizationRole;
}

@InputType()
export class AcceptOrganizationInvitationInput {
  @Field()
  @IsString()
  @MaxLength(128)
  token: string;
}

@InputType()
export class OrganizationIdInput {
  @Field(() => ID)
  @IsUUID()
  organizationId: string;
}

@InputType()
export class DecideJoinRequestInput {
  @Field(() => ID)
  @IsUUID()
  joinRequestId: string;

  @Field()
  @IsBoolean()
  approve: boolean;
}

@InputType()
export class ChangeOrganizationRoleInput {
  @Field(() => ID)
  @IsUUID()
  organizationId: string;

  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field(() => OrganizationRole)
  @IsEnum(OrganizationRole)
  role: OrganizationRole;
}

@InputType()
export class RemoveOrganizationMemberInput {
  @Field(() => ID)
  @IsUUID()
  organizationId: string;

  @Field(() => ID)
  @IsUUID()
  userId: string;
}
