import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { User } from '../auth';
import { UpdatedAt } from '../common/timestamps';
import { NotificationDelivery } from './notification-kind';

/**
 * A person's choice for one kind of notification, in one workspace or (workspace null) in every
 * workspace; a workspace's choice wins over the general one, which wins over the kind's default.
 */
@Entity()
// The constraint is UNIQUE NULLS NOT DISTINCT (migration 1764770000000), which @Unique cannot say:
// without it, general choices (workspace null) would not be unique. Regenerating the migration
// from this decorator would drop NULLS NOT DISTINCT: keep the hand-written one.
@Unique(['userId', 'workspaceId', 'kind'])
export class NotificationPreference {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  user?: User;

  /** Null: every workspace (and notices outside any workspace). */
  @Column('uuid', { nullable: true })
  workspaceId: string | null;

  @Column('text')
  kind: string;

  @Column({ type: 'enum', enum: NotificationDelivery, enumName: 'notification_delivery' })
  delivery: NotificationDelivery;

  @UpdatedAt()
  updatedAt: Date;
}

/** How one kind of notification reaches the person, in a workspace or in general, and why. */
@ObjectType('NotificationPreference')
export class EffectiveNotificationPreference {
  @Field({ description: 'A notification kind, e.g. coverage.assigned' })
  kind: string;

  @Field(() => ID, { nullable: true, description: 'Null: the choice for every workspace' })
  workspaceId: string | null;

  @Field(() => NotificationDelivery)
  delivery: NotificationDelivery;

  @Field({ description: 'WORKSPACE (chosen for this workspace), ALL_WORKSPACES (chosen for every workspace) or DEFAULT' })
  source: 'WORKSPACE' | 'ALL_WORKSPACES' | 'DEFAULT';
}
