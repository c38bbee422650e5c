import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { User } from '../auth';
import { LocalizedText, OptionalLocalizedText } from '../common/localized-text';
import { CreatedAt, UpdatedAt } from '../common/timestamps';
import { Node } from '../common/node';

export enum Jurisdiction {
  FEDERAL = 'FEDERAL',
  PROVINCIAL = 'PROVINCIAL',
  TERRITORIAL = 'TERRITORIAL',
  MUNICIPAL = 'MUNICIPAL',
  INDIGENOUS = 'INDIGENOUS',
  NON_GOVERNMENTAL = 'NON_GOVERNMENTAL',
}
registerEnumType(Jurisdiction, { name: 'Jurisdiction' });

export enum OrganizationRole {
  ADMIN = 'ADMIN',
  MEMBER = 'MEMBER',
}
registerEnumType(OrganizationRole, { name: 'OrganizationRole' });

export enum JoinRequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(JoinRequestStatus, { name: 'JoinRequestStatus' });

/** What `organizations(search:)` matches: folded words of the slug, names and acronyms, both languages. */
export const ORGANIZATION_SEARCH_DOCUMENT = `to_tsvector('simple', tandem_fold(slug || ' ' || name_fr || ' ' || name_en || ' ' || coalesce(acronym_fr, '') || ' ' || coalesce(acronym_en, '')))`;

@ObjectType({ implements: () => [Node], description: 'A government body or partner group that works in Tandem' })
@Entity()
export class Organization {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Index({ unique: true })
  // The GIN index over ORGANIZATION_SEARCH_DOCUMENT lives in the migrations; TypeORM leaves it be.
  @Index('ix_organization_search', { synchronize: false })
  @Column('text')
  slug: string;

  @Field(() => LocalizedText)
  @Column(() => LocalizedText)
  name: LocalizedText;

  /** Exposed through a resolver as a LocalizedText, or null when the organization has none. */
  @Column(() => OptionalLocalizedText)
  acronym: OptionalLocalizedText;

  @Field(() => Jurisdiction)
  @Column({ type: 'enum', enum: Jurisdiction, enumName: 'jurisdiction' })
  jurisdiction: Jurisdiction;

  @Field(() => String, { nullable: true, description: 'ISO 3166-2:CA subdivision, e.g. CA-QC' })
  @Column('text', { nullable: true })
  region: string | null;

  @Field(() => [String], { description: 'E-mail domains whose holders may ask to join' })
  @Column('text', { array: true, default: () => "'{}'" })
  emailDomains: string[];

  @Field({ description: 'Whether its admins must use MFA (setOrganizationMfaRequirement)' })
  @Column('boolean', { default: false })
  mfaRequired: boolean;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

@ObjectType()
@Entity()
@Unique(['organizationId', 'userId'])
export class OrganizationMembership {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization: Organization;

  @Field(() => ID)
  @Index()
  @Column('uuid')
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  user?: User;

  @Field(() => OrganizationRole)
  @Column({ type: 'enum', enum: OrganizationRole, enumName: 'organization_role' })
  role: OrganizationRole;

  @Field()
  @CreatedAt()
  createdAt: Date;
}

@ObjectType({ description: 'A single-use, expiring invitation to join an organization' })
@Entity()
export class OrganizationInvitation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Index()
  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization: Organization;

  @Field({ description: 'The address the invitation is for; only its holder can accept it' })
  @Column('text')
  email: string;

  @Field(() => OrganizationRole)
  @Column({ type: 'enum', enum: OrganizationRole, enumName: 'organization_role' })
  role: OrganizationRole;

  /** Only the SHA-256 of the token is kept; the token itself is shown once, to the inviter. */
  @Index({ unique: true })
  @Column('text')
  tokenHash: string;

  @Field(() => ID)
  @Column('uuid')
  invitedById: string;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  acceptedAt: Date | null;

  @Field()
  @CreatedAt()
  createdAt: Date;

  /** Set only on the payload of inviteToOrganization. */
  @Field(() => String, { nullable: true, description: 'Shown once, to the inviter, when the invitation is made' })
  token?: string;
}

@ObjectType({ description: "A person's request to join an organization, decided by one of its admins" })
@Entity()
@Index(['organizationId', 'userId'], { unique: true, where: `"status" = 'PENDING'` })
export class JoinRequest {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization: Organization;

  @Field(() => ID)
  @Column('uuid')
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  user?: User;

  @Field(() => JoinRequestStatus)
  @Column({ type: 'enum', enum: JoinRequestStatus, enumName: 'join_request_status', default: JoinRequestStatus.PENDING })
  status: JoinRequestStatus;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  decidedById: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Field()
  @CreatedAt()
  createdAt: Date;
}
