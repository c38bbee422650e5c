import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../common/timestamps';
import { WatchSource } from '../watch-source.entity';

export enum WebSubState {
  /** Asked of the hub; its verification of intent has not come yet. */
  PENDING = 'PENDING',
  /** Verified: the hub pushes new content until the lease ends (renewed before); polling is a daily safety net. */
  ACTIVE = 'ACTIVE',
  /** The hub refused, denied or could not be reached: the source is polled as usual. */
  FAILED = 'FAILED',
  /** The lease ended without a renewal: the source is polled as usual. */
  EXPIRED = 'EXPIRED',
}
registerEnumType(WebSubState, { name: 'WebSubState' });

/**
 * A source's WebSub subscription to the hub its feed advertises, with the callback
 * `PUBLIC_URL/websub/{id}`. The secret signs what the hub pushes; it is never shown.
 */
@ObjectType()
@Entity('websub_subscription')
@Unique(['sourceId'])
@Index(['state', 'renewAt'])
export class WebSubSubscription {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sourceId: string;

  @ManyToOne(() => WatchSource, { onDelete: 'CASCADE' })
  source?: WatchSource;

  @Field({ description: 'The hub the feed advertises (rel="hub")' })
  @Column('text')
  hubUrl: string;

  @Field({ description: 'The feed as the hub knows it (rel="self")' })
  @Column('text')
  topicUrl: string;

  /** HMAC key of X-Hub-Signature, random per subscription. */
  @Column('text')
  secret: string;

  @Field(() => WebSubState)
  @Column({ type: 'enum', enum: WebSubState, enumName: 'websub_state', default: WebSubState.PENDING })
  state: WebSubState;

  /** The lease the hub granted, in seconds. */
  @Column('int', { nullable: true })
  leaseSeconds: number | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  leaseExpiresAt: Date | null;

  /** When the lease is renewed: before it ends (websub-protocol.ts). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  renewAt: Date | null;

  @Field({ description: 'When the subscription (or its renewal) was last asked of the hub' })
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  requestedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  verifiedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the hub last pushed signed content' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastDeliveryAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the hub failed or refused; null while it works' })
  @Column('text', { nullable: true })
  lastError: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
