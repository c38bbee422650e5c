import { Field, ID, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from '../common/json.scalar';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../common/timestamps';

/** Append-only record of a change that matters: who did what to which resource, where and when. */
@ObjectType()
@Entity()
@Index(['workspaceId', 'createdAt', 'id'])
@Index(['organizationId', 'createdAt', 'id'])
export class AuditEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null for what the system did by itself. */
  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Field({ description: 'e.g. organization.member.role_changed' })
  @Column('text')
  action: string;

  @Field()
  @Column('text')
  resourceType: string;

  @Field(() => ID)
  @Column('uuid')
  resourceId: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  workspaceId: string | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  organizationId: string | null;

  @Field(() => GraphQLJSON)
  @Column('jsonb', { default: {} })
  details: Record<string, unknown>;

  @Field()
  @CreatedAt()
  createdAt: Date;
}
