import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BadUserInputError, FieldError, ForbiddenError, listed, NotFoundError } from '../../common/errors';
import { Actor } from '../../common/request-context';
import { AccessPolicy } from '../../workspaces';
import { SetSourceRulesInput, SourceRuleInput } from './dto/rule.inputs';
import { mayEditSourceRules } from './rule-access';
import { patternProblem, wordSequence } from './rule-engine';
import { SourceRule, SourceRuleAction, SourceRuleMatch } from './source-rule.entity';
import { RuleChange, SourceRuleStore } from './source-rule.store';

/**
 * The rules a workspace applies to a source shared into it: an ordered list, replaced as a whole
 * by the workspace's editors (rule-access.ts), checked before it is stored so that ingestion only
 * ever runs rules that compile.
 */
@Injectable()
export class SourceRulesService {
  constructor(
    private readonly store: SourceRuleStore,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
  ) {}

  /** Makes `input.rules` the list of the share, in their order, and returns it. */
  async setRules(actor: Actor, input: SetSourceRulesInput): Promise<SourceRule[]> {
    const access = await this.policy.assert(actor, 'source.read', { workspaceId: input.workspaceId, kind: 'Source share' });
    const shareId = await this.store.liveShareId(input.sourceId, input.workspaceId);
    if (!shareId) throw new NotFoundError('Source share');
    if (!mayEditSourceRules(access)) throw new ForbiddenError('Only the workspace editors may change the rules of a shared source');
    const rules = input.rules.map(ruleChange);
    refuseProblems(input.rules.flatMap(ruleProblems));
    await this.dataSource.transaction(async (tx) => {
      // Checked again under the lock: the share may have been revoked since it was found.
      const share = await this.store.lockShare(tx, shareId);
      if (!share || share.revokedAt) throw new NotFoundError('Source share');
      const current = new Set(await this.store.ruleIdsOf(tx, shareId));
      const seen = new Set<string>();
      refuseProblems(
        rules.flatMap((rule, index) => {
          if (!rule.id) return [];
          const problem = !current.has(rule.id) ? 'is not a rule of this shared source' : seen.has(rule.id) ? 'is given twice' : null;
          seen.add(rule.id);
          return problem ? [{ field: `rules.${index}.id`, message: problem }] : [];
        }),
      );
      await this.store.replaceRules(tx, shareId, rules, actor.userId);
    });
    return this.store.ofShares([shareId]);
  }
}

/** The rule as stored: only what its match and action use. */
function ruleChange(input: SourceRuleInput): RuleChange {
  const regex = input.match === SourceRuleMatch.REGEX;
  return {
    id: input.id ?? null,
    name: input.name,
    action: input.action,
    field: input.field,
    match: input.match,
    words: regex ? [] : [...new Set((input.words ?? []).map((word) => word.trim()).filter(Boolean))],
    pattern: regex ? (input.pattern ?? '') : null,
    tags: input.action === SourceRuleAction.TAG ? (input.tags ?? []) : [],
  };
}

/** What is wrong with one rule of the list, each problem naming its field (`rules.2.pattern`). */
function ruleProblems(input: SourceRuleInput, index: number): FieldError[] {
  const at = (field: string, message: string) => ({ field: `rules.${index}.${field}`, message });
  const problems: FieldError[] = [];
  if (input.match === SourceRuleMatch.REGEX) {
    if (!input.pattern) problems.push(at('pattern', 'a REGEX rule needs a pattern'));
    else if (patternProblem(input.pattern)) problems.push(at('pattern', 'is not a regular expression RE2 accepts (no backreferences or lookaround)'));
  } else if (!(input.words ?? []).some((word) => wordSequence(word))) {
    problems.push(at('words', 'a words rule needs at least one word'));
  }
  if (input.action === SourceRuleAction.TAG && !input.tags?.length) problems.push(at('tags', 'a TAG rule needs at least one tag'));
  return problems;
}

function refuseProblems(problems: FieldError[]): void {
  if (problems.length) throw new BadUserInputError(problems, listed(problems));
}
