import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { User } from '../../auth';
import { CreatedAt } from '../../common/timestamps';
import type { Organization } from '../../organizations';

/**
 * Where an organization wants to hear of changes: a URL, the kinds of events, optionally one
 * workspace. What it receives is decided at each delivery, by what the organization may see then.
 */
@ObjectType()
@Entity()
@Index(['organizationId', 'createdAt', 'id'])
export class WebhookEndpoint {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  organizationId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  organization?: Organization;

  @Field(() => ID, { nullable: true, description: 'Only the events of this workspace; every workspace the organization takes part in when null' })
  @Column('uuid', { nullable: true })
  workspaceId: string | null;

  @Field()
  @Column('text')
  url: string;

  @Field(() => [String], { description: 'The kinds of events sent, e.g. article.published' })
  @Column('text', { array: true })
  events: string[];

  /** Signs every delivery; shown once, when the endpoint is created. */
  @Column('text')
  secret: string;

  @Field(() => ID)
  @Column('uuid')
  createdById: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  createdBy?: User;

  @Field(() => Int, { description: 'Deliveries in a row that failed every attempt; the endpoint is disabled when they reach the limit' })
  @Column('int', { default: 0 })
  consecutiveFailures: number;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  disabledAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  disabledReason: string | null;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @Field({ description: 'Events from this instant on are sent: when the endpoint was created, or last enabled' })
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  eventsSince: Date;

  /** Set only when the endpoint is created. */
  @Field(() => String, { nullable: true, description: 'The signing secret, `whsec_…`; shown once, when the endpoint is created' })
  signingSecret?: string;
}
