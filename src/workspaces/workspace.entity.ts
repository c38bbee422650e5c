import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { User } from '../auth';
import { LocalizedText, OptionalLocalizedText } from '../common/localized-text';
import { CreatedAt, UpdatedAt } from '../common/timestamps';
import type { Organization } from '../organizations';
import { Node } from '../common/node';

export enum WorkspaceRole {
  OWNER = 'OWNER',
  COORDINATOR = 'COORDINATOR',
  EDITOR = 'EDITOR',
  CONTRIBUTOR = 'CONTRIBUTOR',
  OBSERVER = 'OBSERVER',
}
registerEnumType(WorkspaceRole, { name: 'WorkspaceRole' });

export enum PartnerStatus {
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  DECLINED = 'DECLINED',
  LEFT = 'LEFT',
}
registerEnumType(PartnerStatus, { name: 'PartnerStatus' });

/** A place where partner organizations work together, hosted by one of them. */
@ObjectType({ implements: () => [Node] })
@Entity()
export class Workspace {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique everywhere: it names the workspace's public feeds. */
  @Field()
  @Index({ unique: true })
  @Column('text')
  slug: string;

  @Field(() => LocalizedText)
  @Column(() => LocalizedText)
  name: LocalizedText;

  @Column(() => OptionalLocalizedText)
  description: OptionalLocalizedText;

  @Field(() => ID)
  @Index()
  @Column('uuid')
  hostOrganizationId: string;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  hostOrganization?: Organization;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/** An organization invited into a workspace. Only ACTIVE partners' members have access. */
@ObjectType()
@Entity()
@Unique(['workspaceId', 'organizationId'])
export class WorkspacePartner {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace: Workspace;

  @Field(() => ID)
  @Index()
  @Column('uuid')
  organizationId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  organization?: Organization;

  @Field(() => PartnerStatus)
  @Column({ type: 'enum', enum: PartnerStatus, enumName: 'partner_status' })
  status: PartnerStatus;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  invitedById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  respondedAt: Date | null;

  @Field()
  @CreatedAt()
  createdAt: Date;
}

/** A person acting in a workspace for one partner organization, with one role. */
@ObjectType()
@Entity()
@Unique(['workspaceId', 'userId'])
export class WorkspaceMember {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  workspace: Workspace;

  @Field(() => ID)
  @Index()
  @Column('uuid')
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  user?: User;

  @Field(() => ID, { description: 'The partner organization this person acts for' })
  @Column('uuid')
  organizationId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  organization?: Organization;

  @Field(() => WorkspaceRole)
  @Column({ type: 'enum', enum: WorkspaceRole, enumName: 'workspace_role' })
  role: WorkspaceRole;

  @Field()
  @CreatedAt()
  createdAt: Date;
}
