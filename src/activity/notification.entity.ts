import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { User } from '../auth';
import { LocalizedText } from '../common/localized-text';
import { CreatedAt } from '../common/timestamps';

/** Something a person must act on or know: an assignment, a review request, a cancellation. */
@ObjectType()
@Entity()
@Index(['userId', 'createdAt', 'id'])
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

  @Field()
  @CreatedAt()
  createdAt: Date;
}
