import RE2 from 're2';
import { CurationStatus } from '../watch-item.entity';
import { MatchedRule, SourceRuleAction, SourceRuleField, SourceRuleMatch } from './source-rule.entity';

/**
 * The rules of a shared source, without I/O: what each rule matches and what a list of them does
 * to an item as it arrives in a workspace. Regular expressions run on RE2, whose matching time is
 * linear in the text: no pattern can stall ingestion, and RE2 refuses what would need backtracking
 * (backreferences, lookaround).
 */

export const MAX_RULES_PER_SHARE = 50;
export const MAX_PATTERN_LENGTH = 500;
export const MAX_RULE_WORDS = 20;
export const MAX_RULE_WORD_LENGTH = 100;
/** The most tags rules may leave on one item, as a person's triage may. */
const MAX_ITEM_TAGS = 20;

export interface RuleDefinition {
  id: string;
  name: string;
  action: SourceRuleAction;
  field: SourceRuleField;
  match: SourceRuleMatch;
  words: readonly string[];
  pattern: string | null;
  tags: readonly string[];
}

/** An item as rules read it: plain text of each field ('' when absent). */
export type RuleSubject = Record<SourceRuleField, string>;

/** What a workspace's rules made of an item: the rules that matched, in order, and the triage they set. */
export interface RuleOutcome {
  matched: MatchedRule[];
  /** SHORTLISTED or DISMISSED when a rule decided; null leaves the item NEW. */
  status: CurationStatus | null;
  tags: string[];
}

/** Why RE2 refuses the pattern (unsupported syntax, too large), or null when it compiles. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RE2(pattern, 'iu');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Lower case without accents: "Économie" and "economie" read the same. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The words of a text, folded, between single spaces and with a space at each end: whole words and phrases are found by `includes`. */
export function wordSequence(text: string): string {
  const words = foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.length ? ` ${words.join(' ')} ` : '';
}

/** An item as matchers read it: each field's text, and its word sequence computed once for all rules. */
interface ItemView {
  text(field: SourceRuleField): string;
  words(field: SourceRuleField): string;
}

type Matcher = (item: ItemView) => boolean;

export interface CompiledRule {
  rule: RuleDefinition;
  matches: Matcher;
}

/**
 * The rules made ready to run on many items. A stored pattern RE2 no longer accepts (the engine
 * changed) matches nothing rather than failing the fetch.
 */
export function compileRules(rules: readonly RuleDefinition[]): CompiledRule[] {
  return rules.map((rule) => ({ rule, matches: matcherOf(rule) }));
}

function matcherOf(rule: RuleDefinition): Matcher {
  if (rule.match === SourceRuleMatch.REGEX) {
    let expression: RE2;
    try {
      expression = new RE2(rule.pattern ?? '', 'iu');
    } catch {
      return () => false;
    }
    return (item) => expression.test(item.text(rule.field));
  }
  const phrases = rule.words.map(wordSequence).filter(Boolean);
  if (!phrases.length) return () => false;
  const every = rule.match === SourceRuleMatch.ALL_WORDS;
  return (item) => {
    const words = item.words(rule.field);
    return every ? phrases.every((phrase) => words.includes(phrase)) : phrases.some((phrase) => words.includes(phrase));
  };
}

/**
 * Runs the rules, in order, on one item: TAG and SHORTLIST add up and go on; KEEP and BLOCK decide
 * and stop (BLOCK dismisses the item, KEEP leaves it as the rules above it made it).
 */
export function applyRules(rules: readonly CompiledRule[], subject: RuleSubject): RuleOutcome {
  const outcome: RuleOutcome = { matched: [], status: null, tags: [] };
  const sequences = new Map<SourceRuleField, string>();
  const item: ItemView = {
    text: (field) => subject[field],
    words: (field) => {
      let words = sequences.get(field);
      if (words === undefined) sequences.set(field, (words = wordSequence(subject[field])));
      return words;
    },
  };
  for (const { rule, matches } of rules) {
    if (!matches(item)) continue;
    outcome.matched.push({ ruleId: rule.id, name: rule.name, action: rule.action });
    if (rule.action === SourceRuleAction.TAG) outcome.tags = [...new Set([...outcome.tags, ...rule.tags])].slice(0, MAX_ITEM_TAGS);
    if (rule.action === SourceRuleAction.SHORTLIST) outcome.status = CurationStatus.SHORTLISTED;
    if (rule.action === SourceRuleAction.BLOCK) outcome.status = CurationStatus.DISMISSED;
    if (rule.action === SourceRuleAction.KEEP || rule.action === SourceRuleAction.BLOCK) break;
  }
  return outcome;
}
