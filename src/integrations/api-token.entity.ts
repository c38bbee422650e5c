import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ApiTokenScope, type User } from '../auth';
import { CreatedAt } from '../common/timestamps';
import type { Organization } from '../organizations';

/** An organization's token for an integration: scoped, expiring, revocable; only its hash is kept. */
@ObjectType()
@Entity()
@Index(['organizationId', 'createdAt', 'id'])
export class ApiToken {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  organizationId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  organization?: Organization;

  @Field(() => ID, { description: 'The admin who created it: the token never does more than this person may' })
  @Column('uuid')
  createdById: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  createdBy?: User;

  @Field()
  @Column('text')
  name: string;

  @Field(() => [ApiTokenScope])
  @Column('text', { array: true })
  scopes: ApiTokenScope[];

  @Index({ unique: true })
  @Column('text')
  tokenHash: string;

  @Field()
  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Its latest use, to the minute' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @Field()
  @CreatedAt()
  createdAt: Date;

  /** Set only when the token is created: the secret is shown once. */
  @Field(() => String, { nullable: true, description: 'The secret, `tdm_…`, to send as `Authorization: Bearer`; shown once, when the token is created' })
  token?: string;
}
