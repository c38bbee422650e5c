import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LIVE_SHARES } from '../share-sql';
import { CurationStatus } from '../watch-item.entity';
import { SourceShare } from '../watch-source.entity';
import { RuleDefinition } from './rule-engine';
import { MatchedRule, SourceRule } from './source-rule.entity';

/** A rule as an editor gives it; `id` names a rule of the share to change in place. */
export type RuleChange = Omit<RuleDefinition, 'id'> & { id: string | null };

/** A rule with the workspace whose share it belongs to: what ingestion runs. */
export type WorkspaceRule = RuleDefinition & { workspaceId: string };

/** What a workspace's rules made of a new item, as its curation there records it. */
export interface RuleCuration {
  workspaceId: string;
  itemId: string;
  status: CurationStatus;
  tags: string[];
  matchedRules: MatchedRule[];
}

const RULE_COLUMNS = `rule.id, rule.name, rule.action, rule.field, rule.match, rule.words, rule.pattern, rule.tags`;

/** Every statement on the rules of shared sources, and the curations they leave on new items. */
@Injectable()
export class SourceRuleStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The id of the share of the source into the workspace that counts now, if any. */
  async liveShareId(sourceId: string, workspaceId: string): Promise<string | null> {
    const [share]: { id: string }[] = await this.dataSource.query(
      `SELECT share.id FROM (${LIVE_SHARES}) share WHERE share.source_id = $1 AND share.workspace_id = $2`,
      [sourceId, workspaceId],
    );
    return share?.id ?? null;
  }

  /** The rules of many shares, each share's in order: for a DataLoader. */
  ofShares(shareIds: readonly string[]): Promise<SourceRule[]> {
    return this.dataSource.manager
      .createQueryBuilder(SourceRule, 'rule')
      .where('rule.share_id IN (:...shareIds)', { shareIds })
      .orderBy('rule.position', 'ASC')
      .getMany();
  }

  /**
   * Locks the share row until the transaction ends, one change of its rules at a time, and returns
   * it as it is under the lock: a revocation that committed meanwhile shows.
   */
  lockShare(tx: EntityManager, shareId: string): Promise<SourceShare | null> {
    return tx.createQueryBuilder(SourceShare, 'share').setLock('pessimistic_write').where('share.id = :shareId', { shareId }).getOne();
  }

  /** The ids of the share's rules now. */
  async ruleIdsOf(tx: EntityManager, shareId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(`SELECT id FROM source_rule WHERE share_id = $1`, [shareId]);
    return rows.map((row) => row.id);
  }

  /**
   * Makes `rules` the share's list, in their order: rules left out are deleted, those named by id
   * changed in place (the caller checked they are the share's), the others created.
   */
  async replaceRules(tx: EntityManager, shareId: string, rules: RuleChange[], updatedById: string): Promise<void> {
    const kept = rules.flatMap((rule) => (rule.id ? [rule.id] : []));
    await tx.query(`DELETE FROM source_rule WHERE share_id = $1 AND NOT (id = ANY($2::uuid[]))`, [shareId, kept]);
    if (!rules.length) return;
    const rows = rules.map((rule, position) => ({ ...rule, position }));
    await tx.query(
      `INSERT INTO source_rule (id, share_id, position, name, action, field, match, words, pattern, tags, updated_by_id)
       SELECT COALESCE(t.id, gen_random_uuid()), $1, t.position, t.name, t.action, t.field, t.match, t.words, t.pattern, t.tags, $3
         FROM jsonb_to_recordset($2::jsonb) AS t(id uuid, position int, name text, action source_rule_action, field source_rule_field,
                                                  match source_rule_match, words text[], pattern text, tags text[])
       ON CONFLICT (id) DO UPDATE
          SET position = EXCLUDED.position, name = EXCLUDED.name, action = EXCLUDED.action, field = EXCLUDED.field, match = EXCLUDED.match,
              words = EXCLUDED.words, pattern = EXCLUDED.pattern, tags = EXCLUDED.tags, updated_by_id = EXCLUDED.updated_by_id, updated_at = now()`,
      [shareId, JSON.stringify(rows), updatedById],
    );
  }

  /** The rules of every share of the source that counts now, each workspace's in order. */
  rulesOfSource(tx: EntityManager, sourceId: string): Promise<WorkspaceRule[]> {
    return tx.query(
      `SELECT ${RULE_COLUMNS}, share.workspace_id AS "workspaceId"
         FROM source_rule rule JOIN (${LIVE_SHARES}) share ON share.id = rule.share_id
        WHERE share.source_id = $1
        ORDER BY share.workspace_id, rule.position`,
      [sourceId],
    );
  }

  /** Records what rules made of new items, in one statement; an item someone triaged already keeps that triage. */
  async insertRuleCurations(tx: EntityManager, curations: RuleCuration[]): Promise<void> {
    if (!curations.length) return;
    await tx.query(
      `INSERT INTO curation (workspace_id, item_id, status, tags, matched_rules)
       SELECT t.workspace_id, t.item_id, t.status, t.tags, t.matched_rules
         FROM jsonb_to_recordset($1::jsonb) AS t(workspace_id uuid, item_id uuid, status curation_status, tags text[], matched_rules jsonb)
       ON CONFLICT (workspace_id, item_id) DO NOTHING`,
      [JSON.stringify(curations.map((curation) => ({ workspace_id: curation.workspaceId, item_id: curation.itemId, status: curation.status, tags: curation.tags, matched_rules: curation.matchedRules })))],
    );
  }
}
