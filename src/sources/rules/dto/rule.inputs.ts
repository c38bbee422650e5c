import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
import { stack } from '../../../common/decorators';
import { EnumField, fieldOf, IdField, TextField } from '../../../common/input-fields';
import { PlainName } from '../../../common/text-hygiene';
import { TopicsField } from '../../dto/source.inputs';
import { MAX_PATTERN_LENGTH, MAX_RULE_WORD_LENGTH, MAX_RULE_WORDS, MAX_RULES_PER_SHARE } from '../rule-engine';
import { SourceRuleAction, SourceRuleField, SourceRuleMatch } from '../source-rule.entity';

/** Words or phrases a rule looks for. */
const WordsField = () =>
  stack(fieldOf(() => [String], { nullable: true, description: `For ANY_WORDS and ALL_WORDS: at most ${MAX_RULE_WORDS}` }), ArrayMaxSize(MAX_RULE_WORDS), IsString({ each: true }), MaxLength(MAX_RULE_WORD_LENGTH, { each: true }));

@InputType()
export class SourceRuleInput {
  @IdField({ nullable: true, description: 'A rule of this list to change in place (it keeps its id); omitted for a new rule' })
  id?: string | null;

  @TextField({ max: 120, trim: true, notEmpty: true })
  @PlainName()
  name: string;

  @EnumField(SourceRuleAction)
  action: SourceRuleAction;

  @EnumField(SourceRuleField)
  field: SourceRuleField;

  @EnumField(SourceRuleMatch)
  match: SourceRuleMatch;

  @WordsField()
  words?: string[] | null;

  @TextField({ max: MAX_PATTERN_LENGTH, nullable: true, description: 'For REGEX: RE2 syntax (no backreferences or lookaround), case ignored' })
  pattern?: string | null;

  @TopicsField({ nullable: true, description: 'For TAG: the tags it adds' })
  tags?: string[] | null;
}

@InputType()
export class SetSourceRulesInput {
  @IdField()
  sourceId: string;

  @IdField()
  workspaceId: string;

  @Field(() => [SourceRuleInput], { description: `The whole list, in the order the rules run; at most ${MAX_RULES_PER_SHARE}` })
  @IsArray()
  @ArrayMaxSize(MAX_RULES_PER_SHARE)
  @ValidateNested({ each: true })
  @Type(() => SourceRuleInput)
  rules: SourceRuleInput[];
}
