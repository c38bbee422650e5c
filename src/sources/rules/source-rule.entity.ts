import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../common/timestamps';
import { SourceShare } from '../watch-source.entity';

export enum SourceRuleAction {
  /** The item arrives as it is and later rules are skipped: an exception to a BLOCK below it. */
  KEEP = 'KEEP',
  /** The item arrives DISMISSED in the workspace and later rules are skipped. */
  BLOCK = 'BLOCK',
  /** The rule's tags are added to the item's tags in the workspace; later rules still run. */
  TAG = 'TAG',
  /** The item arrives SHORTLISTED in the workspace; later rules still run. */
  SHORTLIST = 'SHORTLIST',
}
registerEnumType(SourceRuleAction, { name: 'SourceRuleAction' });

export enum SourceRuleField {
  TITLE = 'TITLE',
  /** The content and the summary, as plain text. */
  CONTENT = 'CONTENT',
  AUTHOR = 'AUTHOR',
  LINK = 'LINK',
}
registerEnumType(SourceRuleField, { name: 'SourceRuleField' });

export enum SourceRuleMatch {
  /** At least one of the words (or phrases), whole, case and accents ignored. */
  ANY_WORDS = 'ANY_WORDS',
  /** Every one of the words (or phrases), whole, case and accents ignored. */
  ALL_WORDS = 'ALL_WORDS',
  /** The regular expression (RE2 syntax, case ignored) finds a match. */
  REGEX = 'REGEX',
}
registerEnumType(SourceRuleMatch, { name: 'SourceRuleMatch' });

/**
 * One rule of a shared source in the workspace it is shared into: applied, in order, to each item
 * the source brings after the rule exists (README, "Rules per shared source"). A revoked share keeps
 * its rules as history; sharing again starts a new list.
 */
@ObjectType()
@Entity()
@Index(['shareId', 'position'])
export class SourceRule {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  shareId: string;

  @ManyToOne(() => SourceShare, { onDelete: 'CASCADE' })
  share?: SourceShare;

  @Field(() => Int, { description: 'Its place in the list, from 0: rules run in this order' })
  @Column('int')
  position: number;

  @Field({ description: 'How the item records the match: "matched rule …"' })
  @Column('text')
  name: string;

  @Field(() => SourceRuleAction)
  @Column({ type: 'enum', enum: SourceRuleAction, enumName: 'source_rule_action' })
  action: SourceRuleAction;

  @Field(() => SourceRuleField)
  @Column({ type: 'enum', enum: SourceRuleField, enumName: 'source_rule_field' })
  field: SourceRuleField;

  @Field(() => SourceRuleMatch)
  @Column({ type: 'enum', enum: SourceRuleMatch, enumName: 'source_rule_match' })
  match: SourceRuleMatch;

  @Field(() => [String], { description: 'For ANY_WORDS and ALL_WORDS: words or phrases' })
  @Column('text', { array: true, default: () => "'{}'" })
  words: string[];

  @Field(() => String, { nullable: true, description: 'For REGEX: an RE2 regular expression' })
  @Column('text', { nullable: true })
  pattern: string | null;

  @Field(() => [String], { description: 'For TAG: the tags it adds' })
  @Column('text', { array: true, default: () => "'{}'" })
  tags: string[];

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  updatedById: string | null;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @Field()
  @UpdatedAt()
  updatedAt: Date;
}

/** A rule that matched an item as it arrived in a workspace, as the rule was then. */
@ObjectType()
export class MatchedRule {
  @Field(() => ID)
  ruleId: string;

  @Field()
  name: string;

  @Field(() => SourceRuleAction)
  action: SourceRuleAction;
}
