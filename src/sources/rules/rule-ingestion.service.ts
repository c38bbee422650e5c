import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { htmlToPlainText } from '../../common/rich-text';
import type { FetchedItem, InsertedItem } from '../feed-fetch.store';
import { CurationStatus } from '../watch-item.entity';
import { applyRules, compileRules, RuleSubject } from './rule-engine';
import { RuleCuration, SourceRuleStore, WorkspaceRule } from './source-rule.store';

/**
 * Rules at ingestion: each workspace a source is shared into runs its own rules on the items a
 * fetch brings for the first time, in the fetch's transaction, and what matched is recorded on the
 * item's curation there. Items already stored are not run again: rules shape arrivals, people's
 * triage is never overwritten.
 */
@Injectable()
export class RuleIngestionService {
  constructor(private readonly store: SourceRuleStore) {}

  async applyToNewItems(tx: EntityManager, sourceId: string, fetched: readonly FetchedItem[], inserted: readonly InsertedItem[]): Promise<void> {
    if (!inserted.length) return;
    const rules = await this.store.rulesOfSource(tx, sourceId);
    if (!rules.length) return;
    const byGuid = new Map(fetched.map((item) => [item.guid, item]));
    const subjects = inserted.flatMap(({ id, guid }) => {
      const item = byGuid.get(guid);
      return item ? [{ id, subject: subjectOf(item) }] : [];
    });
    const curations: RuleCuration[] = [...rulesByWorkspace(rules)].flatMap(([workspaceId, workspaceRules]) => {
      const compiled = compileRules(workspaceRules);
      return subjects.flatMap(({ id, subject }) => {
        const outcome = applyRules(compiled, subject);
        if (!outcome.matched.length) return [];
        return [{ workspaceId, itemId: id, status: outcome.status ?? CurationStatus.NEW, tags: outcome.tags, matchedRules: outcome.matched }];
      });
    });
    await this.store.insertRuleCurations(tx, curations);
  }
}

function rulesByWorkspace(rules: WorkspaceRule[]): Map<string, WorkspaceRule[]> {
  const groups = new Map<string, WorkspaceRule[]>();
  for (const rule of rules) groups.set(rule.workspaceId, [...(groups.get(rule.workspaceId) ?? []), rule]);
  return groups;
}

/** The item's fields as plain text; the content (and summary) converted once, and only if a rule reads it. */
function subjectOf(item: FetchedItem): RuleSubject {
  let content: string | undefined;
  return {
    TITLE: item.title,
    AUTHOR: item.author ?? '',
    LINK: item.url ?? '',
    get CONTENT() {
      content ??= htmlToPlainText([item.content, item.summary].filter(Boolean).join('\n'));
      return content;
    },
  };
}
