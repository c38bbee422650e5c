import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean } from 'class-validator';
import { EnumField, IdField, LocalizedNameField, LocalizedTextField, SlugField } from '../../common/input-fields';
import { LocalizedTextInput } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { WorkspaceRole } from '../workspace.entity';

@InputType()
export class CreateWorkspaceInput {
  @IdField()
  hostOrganizationId: string;

  @SlugField()
  slug: string;

  @LocalizedNameField()
  name: LocalizedTextInput;

  @LocalizedTextField({ nullable: true })
  description?: LocalizedTextInput;
}

/** What is asked of one workspace. */
@InputType({ isAbstract: true })
class WorkspaceIdInput {
  @IdField()
  workspaceId: string;
}

@InputType()
export class WorkspaceOrganizationInput extends WorkspaceIdInput {
  @IdField()
  organizationId: string;
}

@InputType()
export class RespondToPartnerInvitationInput extends WorkspaceOrganizationInput {
  @Field()
  @IsBoolean()
  accept: boolean;
}

/** One member of one workspace. */
@InputType({ isAbstract: true })
class WorkspaceMemberInput extends WorkspaceIdInput {
  @IdField()
  userId: string;
}

@InputType()
export class AddWorkspaceMemberInput extends WorkspaceMemberInput {
  @IdField({ description: 'The ACTIVE partner organization the person acts for; they must be its member' })
  organizationId: string;

  @EnumField(WorkspaceRole)
  role: WorkspaceRole;
}

@InputType()
export class ChangeWorkspaceRoleInput extends WorkspaceMemberInput {
  @EnumField(WorkspaceRole)
  role: WorkspaceRole;
}

@InputType()
export class RemoveWorkspaceMemberInput extends WorkspaceMemberInput {}

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @IdField()
  workspaceId: string;
}
