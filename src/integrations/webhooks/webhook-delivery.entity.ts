import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../common/timestamps';
import type { WebhookEndpoint } from './webhook-endpoint.entity';

export enum WebhookDeliveryState {
  /** Waiting for its first or next attempt. */
  PENDING = 'PENDING',
  /** Claimed by a sender, until its lease ends. */
  SENDING = 'SENDING',
  DELIVERED = 'DELIVERED',
  /** Out of attempts, or its endpoint was disabled. */
  FAILED = 'FAILED',
  /** Nothing to send when it came to it: the organization may no longer see what it was about. */
  WITHHELD = 'WITHHELD',
}
registerEnumType(WebhookDeliveryState, { name: 'WebhookDeliveryState' });

/** One event for one endpoint: attempted until delivered, out of attempts, or withheld. */
@ObjectType()
@Entity()
@Index(['endpointId', 'eventId'], { unique: true })
@Index(['state', 'nextAttemptAt'])
@Index(['endpointId', 'createdAt', 'id'])
export class WebhookDelivery {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  endpointId: string;

  @ManyToOne('WebhookEndpoint', { onDelete: 'CASCADE' })
  endpoint?: WebhookEndpoint;

  @Field(() => ID, { description: 'The activity event delivered: the same id at every attempt, for the receiver to ignore a repeat' })
  @Column('bigint')
  eventId: string;

  @Field()
  @Column('text')
  kind: string;

  /** What the event was about, to check at each attempt that the organization may still see it. */
  @Column('jsonb')
  event: { resourceType: string; resourceId: string; workspaceId: string | null; organizationId: string | null; actorId: string | null; payload: Record<string, unknown>; occurredAt: string };

  @Field(() => WebhookDeliveryState)
  @Column({ type: 'enum', enum: WebhookDeliveryState, enumName: 'webhook_delivery_state', default: WebhookDeliveryState.PENDING })
  state: WebhookDeliveryState;

  @Field(() => Int)
  @Column('int', { default: 0 })
  attempts: number;

  @Field()
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  nextAttemptAt: Date;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status at the last attempt" })
  @Column('int', { nullable: true })
  responseStatus: number | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deliveredAt: Date | null;

  @Field()
  @CreatedAt()
  createdAt: Date;
}
