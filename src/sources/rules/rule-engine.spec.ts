import { CurationStatus } from '../watch-item.entity';
import { applyRules, compileRules, foldText, MAX_PATTERN_LENGTH, patternProblem, RuleDefinition, RuleSubject } from './rule-engine';
import { SourceRuleAction, SourceRuleField, SourceRuleMatch } from './source-rule.entity';

const { KEEP, BLOCK, TAG, SHORTLIST } = SourceRuleAction;
const { TITLE, CONTENT, AUTHOR, LINK } = SourceRuleField;
const { ANY_WORDS, ALL_WORDS, REGEX } = SourceRuleMatch;

let sequence = 0;
function rule(action: SourceRuleAction, field: SourceRuleField, match: SourceRuleMatch, words: string[] | string, tags: string[] = []): RuleDefinition {
  const id = `rule-${++sequence}`;
  const pattern = typeof words === 'string' ? words : null;
  return { id, name: id, action, field, match, words: typeof words === 'string' ? [] : words, pattern, tags };
}

const item = (fields: Partial<RuleSubject>): RuleSubject => ({ TITLE: '', CONTENT: '', AUTHOR: '', LINK: '', ...fields });
const run = (rules: RuleDefinition[], subject: Partial<RuleSubject>) => applyRules(compileRules(rules), item(subject));
const names = (rules: RuleDefinition[], subject: Partial<RuleSubject>) => run(rules, subject).matched.map((matched) => matched.ruleId);

describe('words', () => {
  it('match whole words and phrases, case and accents ignored', () => {
    const ia = rule(TAG, TITLE, ANY_WORDS, ['Intelligence artificielle', 'IA']);
    expect(names([ia], { TITLE: "L'INTELLIGENCE ARTIFICIELLE au gouvernement" })).toEqual([ia.id]);
    expect(names([ia], { TITLE: 'Une IA pour les citoyens' })).toEqual([ia.id]);
    // Not inside another word, and a phrase needs its words together.
    expect(names([ia], { TITLE: 'Maria et la intelligence très artificielle' })).toEqual([]);
    const economy = rule(TAG, CONTENT, ANY_WORDS, ['économie']);
    expect(names([economy], { CONTENT: 'Une ECONOMIE plus verte' })).toEqual([economy.id]);
    expect(foldText('Économie Québécoise')).toBe('economie quebecoise');
  });

  it('ANY_WORDS needs one of them, ALL_WORDS every one', () => {
    const any = rule(TAG, TITLE, ANY_WORDS, ['budget', 'fiscal']);
    const all = rule(TAG, TITLE, ALL_WORDS, ['budget', 'fiscal']);
    expect(names([any, all], { TITLE: 'Le budget 2026' })).toEqual([any.id]);
    expect(names([any, all], { TITLE: 'Budget et cadre fiscal' })).toEqual([any.id, all.id]);
  });

  it('read the field the rule names', () => {
    const byAuthor = rule(TAG, AUTHOR, ANY_WORDS, ['Tremblay']);
    const byLink = rule(TAG, LINK, ANY_WORDS, ['quebec']);
    expect(names([byAuthor, byLink], { TITLE: 'Tremblay', LINK: 'https://www.quebec.ca/nouvelles/1' })).toEqual([byLink.id]);
    expect(names([byAuthor, byLink], { AUTHOR: 'Sophie Tremblay' })).toEqual([byAuthor.id]);
  });
});

describe('regular expressions', () => {
  it('match anywhere in the field, case ignored', () => {
    const version = rule(TAG, TITLE, REGEX, 'v\\d+\\.\\d+');
    expect(names([version], { TITLE: 'Sortie de la V2.3' })).toEqual([version.id]);
    expect(names([version], { TITLE: 'Sortie' })).toEqual([]);
  });

  it('run in linear time: a catastrophic pattern for backtracking engines finishes on a long text', () => {
    const catastrophic = rule(BLOCK, CONTENT, REGEX, '(a+)+$');
    expect(patternProblem('(a+)+$')).toBeNull();
    expect(names([catastrophic], { CONTENT: `${'a'.repeat(100_000)}!` })).toEqual([]);
  });

  it('refuse what RE2 cannot run (backreferences, lookaround), broken syntax and over-long patterns', () => {
    expect(patternProblem('(a)\\1')).toEqual(expect.any(String));
    expect(patternProblem('(?=a)b')).toEqual(expect.any(String));
    expect(patternProblem('(unclosed')).toEqual(expect.any(String));
    expect(patternProblem('a'.repeat(MAX_PATTERN_LENGTH + 1))).toEqual(expect.any(String));
  });

  it('a stored pattern RE2 refuses matches nothing instead of failing', () => {
    expect(names([rule(BLOCK, TITLE, REGEX, '(a)\\1')], { TITLE: 'aa' })).toEqual([]);
  });
});

describe('a list of rules', () => {
  it('adds up tags and shortlisting, each match recorded in order', () => {
    const rules = [rule(TAG, TITLE, ANY_WORDS, ['budget'], ['finances']), rule(SHORTLIST, TITLE, ANY_WORDS, ['budget']), rule(TAG, TITLE, ANY_WORDS, ['2026'], ['finances', 'annuel'])];
    expect(run(rules, { TITLE: 'Budget 2026' })).toEqual({
      matched: rules.map((each) => ({ ruleId: each.id, name: each.name, action: each.action })),
      status: CurationStatus.SHORTLISTED,
      tags: ['finances', 'annuel'],
    });
  });

  it('BLOCK dismisses and stops', () => {
    const block = rule(BLOCK, TITLE, ANY_WORDS, ['promo']);
    const tag = rule(TAG, TITLE, ANY_WORDS, ['promo'], ['x']);
    expect(run([block, tag], { TITLE: 'Promo' })).toEqual({ matched: [{ ruleId: block.id, name: block.name, action: BLOCK }], status: CurationStatus.DISMISSED, tags: [] });
  });

  it('KEEP before a BLOCK is the exception: it stops the rules, the item stays as it came', () => {
    const keep = rule(KEEP, TITLE, ANY_WORDS, ['officiel']);
    const blockAll = rule(BLOCK, TITLE, REGEX, '^');
    expect(run([keep, blockAll], { TITLE: 'Communiqué officiel' })).toMatchObject({ matched: [{ ruleId: keep.id }], status: null });
    expect(run([keep, blockAll], { TITLE: 'Autre chose' })).toMatchObject({ matched: [{ ruleId: blockAll.id }], status: CurationStatus.DISMISSED });
    // Order decides: the same rules the other way round block everything.
    expect(run([blockAll, keep], { TITLE: 'Communiqué officiel' }).status).toBe(CurationStatus.DISMISSED);
  });

  it('leaves an item no rule matched untouched', () => {
    expect(run([rule(BLOCK, TITLE, ANY_WORDS, ['promo'])], { TITLE: 'Nouvelles' })).toEqual({ matched: [], status: null, tags: [] });
  });
});
