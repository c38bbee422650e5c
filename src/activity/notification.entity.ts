import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { User } from '../auth';
import { LocalizedText } from '../common/localized-text';
import { CreatedAt } from '../common/timestamps';
import { NotificationDelivery } from './notification-kind';

/** Something a person must act on or know: an assignment, a review request, a cancellation. */
@ObjectType()
@Entity()
@Index(['userId', 'createdAt', 'id'])
@Index(['userId'], { where: `delivery = 'DAILY' AND digested_on IS NULL` })
export class Notification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  user?: User;

  @Field({ description: 'e.g. coverage.assigned, article.review_requested, event.cancelled' })
  @Column('text')
  kind: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  workspaceId: string | null;

  /** For a notice to the admins of an organization, outside any workspace: who must still be one of them when its message is built. */
  @Field(() => ID, { nullable: true, description: 'The organization whose admins it is for, outside any workspace (e.g. integration.webhook_disabled)' })
  @Column('uuid', { nullable: true })
  organizationId: string | null;

  @Field()
  @Column('text')
  resourceType: string;

  @Field(() => ID)
  @Column('uuid')
  resourceId: string;

  @Field(() => LocalizedText)
  @Column(() => LocalizedText)
  message: LocalizedText;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;

  /** How it leaves the app, decided by the addressee's preference when it was written. */
  @Field(() => NotificationDelivery, { description: 'By e-mail at once, in the daily digest, or in the app only' })
  @Column({ type: 'enum', enum: NotificationDelivery, enumName: 'notification_delivery', default: NotificationDelivery.NONE })
  delivery: NotificationDelivery;

  /** The addressee's local day of the daily digest that listed it; null while it waits for one (or is not DAILY). */
  @Column('date', { nullable: true })
  digestedOn: string | null;

  /** Makes a notice that must be sent once (coverage due soon) unique: a second one is not written. */
  @Index({ unique: true })
  @Column('text', { nullable: true })
  onceKey: string | null;

  @Field()
  @CreatedAt()
  createdAt: Date;
}
