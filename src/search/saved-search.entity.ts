import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { User } from '../auth';
import { Language } from '../common/localized-text';
import { CreatedAt } from '../common/timestamps';
import type { Workspace } from '../workspaces';

/**
 * A member's search in a workspace, turned into a watch alert: new watch items that match raise a
 * notification, and the matches are readable as an Atom feed at a secret, revocable address.
 */
@ObjectType()
@Entity()
@Index(['ownerId', 'createdAt', 'id'])
export class SavedSearch {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  workspaceId: string;

  @ManyToOne('Workspace', { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Column('uuid')
  ownerId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  owner?: User;

  @Field()
  @Column('text')
  name: string;

  @Field({ description: 'As `search(query)` reads it' })
  @Column('text')
  query: string;

  @Field(() => Language, { nullable: true, description: 'Only items in this language' })
  @Column({ type: 'enum', enum: Language, enumName: 'language', nullable: true })
  language: Language | null;

  /** The hash of the feed's secret; null when it has none (never made, or revoked). */
  @Index({ unique: true })
  @Column('text', { nullable: true })
  feedTokenHash: string | null;

  /** Items stored up to this instant were looked at for alerts. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  checkedUntil: Date;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @Field({ description: 'Whether a feed address is live' })
  get hasFeed(): boolean {
    return !!this.feedTokenHash;
  }
}
