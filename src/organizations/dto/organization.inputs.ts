import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsFQDN, IsIn } from 'class-validator';
import { stack } from '../../common/decorators';
import { PlainName } from '../../common/text-hygiene';
import { EmailField, EnumField, fieldOf, FieldShape, IdField, LocalizedNameField, SlugField, TextField } from '../../common/input-fields';
import { LocalizedTextInput } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { Jurisdiction, OrganizationRole } from '../organization.entity';
import { CANADIAN_REGIONS } from '../regions';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const domains = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((domain) => (typeof domain === 'string' ? domain.trim().toLowerCase() : domain)))] : value;

const RegionField = (shape: FieldShape) =>
  stack(fieldOf(() => String, shape), Transform(upper), IsIn(CANADIAN_REGIONS, { message: 'must be an ISO 3166-2:CA code such as CA-QC' }));

/** Verified e-mail domains: lower-case, each once, at most 20; `rules` are checked before those. */
const EmailDomainsField = (shape: FieldShape, ...rules: PropertyDecorator[]) =>
  stack(
    fieldOf(() => [String], shape),
    Transform(domains),
    ...rules,
    ArrayMaxSize(20),
    IsFQDN({ require_tld: true }, { each: true, message: 'each must be a domain name such as quebec.ca' }),
    // Validator.js' letters include the bidirectional controls: a domain must read as it is, like the addresses it ends.
    PlainName(),
  );

@InputType()
export class CreateOrganizationInput {
  @SlugField()
  slug: string;

  @LocalizedNameField()
  name: LocalizedTextInput;

  @LocalizedNameField({ nullable: true })
  acronym?: LocalizedTextInput;

  @EnumField(Jurisdiction)
  jurisdiction: Jurisdiction;

  @RegionField({ nullable: true, description: 'ISO 3166-2:CA, e.g. CA-QC' })
  region?: string;

  @EmailDomainsField({ nullable: true })
  emailDomains?: string[];
}

/** The inputs of one organization's operations. */
@InputType()
export class OrganizationIdInput {
  @IdField()
  organizationId: string;
}

/** Omitted fields stay as they are; `region` and `acronym` may be cleared with null. */
@InputType()
export class UpdateOrganizationInput extends OrganizationIdInput {
  // Omitted, not null: an organization always has a name, a jurisdiction and a list of domains.
  @LocalizedNameField({ omittable: true })
  name?: LocalizedTextInput;

  @LocalizedNameField({ nullable: true })
  acronym?: LocalizedTextInput | null;

  @EnumField(Jurisdiction, { omittable: true })
  jurisdiction?: Jurisdiction;

  @RegionField({ nullable: true })
  region?: string | null;

  @EmailDomainsField({ omittable: true }, IsArray())
  emailDomains?: string[];
}

@ArgsType()
export class OrganizationsArgs extends PageArgs {
  @EnumField(Jurisdiction, { nullable: true })
  jurisdiction?: Jurisdiction;

  @TextField({ max: 200, nullable: true, description: 'Words of a name, acronym or slug, in French or English; accents optional' })
  search?: string;
}

@InputType()
export class InviteToOrganizationInput extends OrganizationIdInput {
  @EmailField()
  email: string;

  @EnumField(OrganizationRole)
  role: OrganizationRole;
}

@InputType()
export class AcceptOrganizationInvitationInput {
  @TextField({ max: 128 })
  token: string;
}

@InputType()
export class SetOrganizationMfaRequirementInput extends OrganizationIdInput {
  @Field({ description: 'Whether its admins must use MFA to act as admins' })
  @IsBoolean()
  required: boolean;
}

@InputType()
export class DecideJoinRequestInput {
  @IdField()
  joinRequestId: string;

  @Field()
  @IsBoolean()
  approve: boolean;
}

/** One member of one organization. */
@InputType({ isAbstract: true })
class OrganizationMemberInput extends OrganizationIdInput {
  @IdField()
  userId: string;
}

@InputType()
export class RemoveOrganizationMemberInput extends OrganizationMemberInput {}

@InputType()
export class ChangeOrganizationRoleInput extends OrganizationMemberInput {
  @EnumField(OrganizationRole)
  role: OrganizationRole;
}
