import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { LocalizedTextInput } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { SLUG_MESSAGE, SLUG_PATTERN } from '../../common/slug';
import { WorkspaceRole } from '../workspace.entity';
import { lower } from '../../common/input-transforms';
import { PlainName } from '../../common/text-hygiene';


@InputType()
export class CreateWorkspaceInput {
  @Field(() => ID)
  @IsUUID()
  hostOrganizationId: string;

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
  description?: LocalizedTextInput;
}

@InputType()
export class WorkspaceOrganizationInput {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field(() => ID)
  @IsUUID()
  organizationId: string;
}

@InputType()
export class RespondToPartnerInvitationInput extends WorkspaceOrganizationInput {
  @Field()
  @IsBoolean()
  accept: boolean;
}

@InputType()
export class AddWorkspaceMemberInput {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field(() => ID, { description: 'The ACTIVE partner organization the person acts for; they must be its member' })
  @IsUUID()
  organizationId: string;

  @Field(() => WorkspaceRole)
  @IsEnum(WorkspaceRole)
  role: WorkspaceRole;
}

@InputType()
export class ChangeWorkspaceRoleInput {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field(() => WorkspaceRole)
  @IsEnum(WorkspaceRole)
  role: WorkspaceRole;
}

@InputType()
export class RemoveWorkspaceMemberInput {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field(() => ID)
  @IsUUID()
  userId: string;
}

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;
}
