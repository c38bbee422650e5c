import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { User } from '../auth';
import { Language, LocalizedText } from '../common/localized-text';
import { CreatedAt, UpdatedAt } from '../common/timestamps';
import type { Organization } from '../organizations';
import type { Workspace } from '../workspaces';
import { CoverageStatus } from './coverage-state';
import { Node } from '../common/node';

export enum EventKind {
  CONFERENCE = 'CONFERENCE',
  WEBINAR = 'WEBINAR',
  LEARNING_SESSION = 'LEARNING_SESSION',
  MEETUP = 'MEETUP',
  ANNOUNCEMENT = 'ANNOUNCEMENT',
}
registerEnumType(EventKind, { name: 'EventKind' });

export enum EventStatus {
  TENTATIVE = 'TENTATIVE',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(EventStatus, { name: 'EventStatus' });

export enum CoverageChannel {
  LIVE_SOCIAL = 'LIVE_SOCIAL',
  BLOG_RECAP = 'BLOG_RECAP',
  VIDEO = 'VIDEO',
  PHOTO = 'PHOTO',
  NEWSLETTER = 'NEWSLETTER',
  INTERVIEW = 'INTERVIEW',
}
registerEnumType(CoverageChannel, { name: 'CoverageChannel' });

/** Something a workspace covers: a conference, a webinar… Times are instants, shown in `timeZone`. */
@ObjectType({ implements: () => [Node] })
@Entity()
@Index(['workspaceId', 'startsAt', 'id'])
@Check(`"ends_at" > "starts_at"`)
export class Event {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  workspaceId: string;

  @ManyToOne('Workspace', { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field(() => LocalizedText)
  @Column(() => LocalizedText)
  title: LocalizedText;

  @Field(() => EventKind)
  @Column({ type: 'enum', enum: EventKind, enumName: 'event_kind' })
  kind: EventKind;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  startsAt: Date;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  endsAt: Date;

  @Field({ description: 'IANA time zone, e.g. America/Toronto' })
  @Column('text')
  timeZone: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  location: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  url: string | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  organizerOrganizationId: string | null;

  @ManyToOne('Organization', { onDelete: 'SET NULL' })
  organizerOrganization?: Organization;

  @Field(() => EventStatus)
  @Column({ type: 'enum', enum: EventStatus, enumName: 'event_status', default: EventStatus.TENTATIVE })
  status: EventStatus;

  /** Bumped at every change, so calendar clients replace their copy (iCalendar SEQUENCE). */
  @Field(() => Int)
  @Column('int', { default: 0 })
  sequence: number;

  @Field(() => ID)
  @Column('uuid')
  createdById: string;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/** A slot of an event: a talk, a panel, a workshop. */
@ObjectType()
@Entity()
@Index(['eventId', 'startsAt'])
@Check(`"ends_at" > "starts_at"`)
export class EventSession {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  event: Event;

  @Field(() => LocalizedText)
  @Column(() => LocalizedText)
  title: LocalizedText;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  startsAt: Date;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  endsAt: Date;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  room: string | null;

  @Field(() => Int)
  @Column('int', { default: 0 })
  sequence: number;

  @Field()
  @CreatedAt()
  createdAt: Date;
}

/** What will be produced about an event or one of its sessions, by whom, on which channel, by when. */
@ObjectType()
@Entity()
@Index(['eventId', 'createdAt'])
@Index(['assigneeId', 'status'])
export class Coverage {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  workspaceId: string;

  @Field(() => ID)
  @Column('uuid')
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  event: Event;

  @Field(() => ID, { nullable: true, description: 'None: the event as a whole' })
  @Column('uuid', { nullable: true })
  sessionId: string | null;

  @ManyToOne(() => EventSession, { onDelete: 'CASCADE' })
  session: EventSession;

  @Field(() => CoverageChannel)
  @Column({ type: 'enum', enum: CoverageChannel, enumName: 'coverage_channel' })
  channel: CoverageChannel;

  @Field(() => Language, { nullable: true })
  @Column({ type: 'enum', enum: Language, enumName: 'language', nullable: true })
  language: Language | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  dueAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  notes: string | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  assigneeId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  assignee?: User;

  @Field(() => ID, { nullable: true, description: 'The organization the assignee acts for' })
  @Column('uuid', { nullable: true })
  assigneeOrganizationId: string | null;

  /** Who assigned it: told when the assignee declines or hands it back. */
  @Column('uuid', { nullable: true })
  assignedById: string | null;

  @Field(() => CoverageStatus)
  @Column({ type: 'enum', enum: CoverageStatus, enumName: 'coverage_status', default: CoverageStatus.UNASSIGNED })
  status: CoverageStatus;

  /** Not a field: the article is shown (deliverableArticle) only to those who may see it. */
  @Index()
  @Column('uuid', { nullable: true })
  deliverableArticleId: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  deliverableUrl: string | null;

  @Field(() => Int)
  @Column('int', { default: 0 })
  sequence: number;

  @Field(() => ID)
  @Column('uuid')
  createdById: string;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @Field()
  @UpdatedAt()
  updatedAt: Date;
}

/** A secret calendar address: a workspace's events, or its owner's assignments. Stored hashed; revocable. */
@ObjectType()
@Entity()
export class CalendarLink {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Index()
  @Column('uuid')
  ownerId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  owner?: User;

  @Field(() => ID, { nullable: true, description: "None: the owner's own assignments" })
  @Column('uuid', { nullable: true })
  workspaceId: string | null;

  @ManyToOne('Workspace', { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Index({ unique: true })
  @Column('text')
  tokenHash: string;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  /** Set only when the link is created: the secret is shown once. */
  @Field(() => String, { nullable: true, description: 'Shown once, when the link is created' })
  token?: string;

  @Field(() => String, { nullable: true, description: 'The address to subscribe to; shown once, when the link is created' })
  url?: string;
}
