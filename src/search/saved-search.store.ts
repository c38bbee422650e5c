import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { watchItemSearch } from '../sources';
import { SavedSearch } from './saved-search.entity';
import { leavesOutOnly, SearchTerms } from './search-terms';

/** New matches of one saved search since it was last looked at. */
export interface SavedSearchMatches {
  id: string;
  owner_id: string;
  workspace_id: string;
  name: string;
  matches: number;
}

/** The watch items a saved search (aliased `saved`) finds for its owner now, in its workspace and language; the tsquery is the saved search's own. */
function savedSearchItems(fetched: Pick<SearchTerms, 'fetchedAfter' | 'fetchedUntil'>): string {
  const terms: SearchTerms = {
    fr: `tandem_search_query('fr', saved.query, false)`,
    en: `tandem_search_query('en', saved.query, false)`,
    workspace: 'saved.workspace_id',
    language: 'saved.language::text',
    source: 'NULL::uuid',
    tag: 'NULL::text',
    curationStatus: 'NULL::text',
    articleStatus: 'NULL::text',
    eventStatus: 'NULL::text',
    uncovered: 'NULL::boolean',
    ...fetched,
  };
  const items = watchItemSearch.documents(terms).replaceAll(':viewerId', 'saved.owner_id');
  // A saved search whose words require nothing in a language it reads (saved before such words were refused, e.g. "the -subvention") announces nothing.
  return `SELECT item.* FROM (${items}) item WHERE (saved.language IS NULL OR item.language = saved.language::text) AND NOT ${leavesOutOnly(terms, 'saved.language::text')}`;
}

@Injectable()
export class SavedSearchStore {
  constructor(@InjectRepository(SavedSearch) private readonly savedSearches: Repository<SavedSearch>) {}

  /** Saves a new search. */
  insert(saved: Pick<SavedSearch, 'workspaceId' | 'ownerId' | 'name' | 'query' | 'language'>): Promise<SavedSearch> {
    return this.savedSearches.save(this.savedSearches.create(saved));
  }

  /** A saved search of its owner, or null. */
  findOwn(ownerId: string, id: string): Promise<SavedSearch | null> {
    return this.savedSearches.findOneBy({ id, ownerId });
  }

  /** The saved search behind a live feed secret, or null. */
  findByFeedTokenHash(feedTokenHash: string): Promise<SavedSearch | null> {
    return this.savedSearches.findOneBy({ feedTokenHash });
  }

  /** The owner's saved searches (of one workspace when given), newest first. */
  pageOfOwner(ownerId: string, workspaceId: string | undefined, args: PageArgs): Promise<Connection<SavedSearch>> {
    const query = this.savedSearches.createQueryBuilder('saved').where('saved.owner_id = :ownerId', { ownerId });
    if (workspaceId) query.andWhere('saved.workspace_id = :workspaceId', { workspaceId });
    return paginate(query, args, byCreation('saved', 'DESC'));
  }

  /** Replaces (or, with null, revokes) the feed secret of a saved search. */
  async setFeedTokenHash(id: string, feedTokenHash: string | null): Promise<void> {
    await this.savedSearches.update({ id }, { feedTokenHash });
  }

  /** Deletes a saved search. */
  async delete(id: string): Promise<void> {
    await this.savedSearches.delete({ id });
  }

  /**
   * The instant up to which a check looks, on the database's clock: `fetched_at` is stamped with
   * its transaction's start (now()), so an item of a transaction still running may be stamped
   * before this instant and be seen by no check that has moved past it. The check stops before the
   * oldest transaction of this database still running, a millisecond short (the precision of both
   * columns): such items are the next round's. Sessions of other roles show no start unless the
   * role may read all statistics: only this role writes watch items. `heldBackBy` is how far
   * behind the clock that leaves the check, in milliseconds.
   */
  async checkInstant(tx: EntityManager): Promise<{ until: Date; heldBackBy: number; oldest: { pid: number; state: string } | null }> {
    const [row] = await tx.query(
      `SELECT date_trunc('milliseconds', least(clock_timestamp(), oldest.xact_start)) - interval '1 millisecond' AS until,
              (extract(epoch FROM clock_timestamp() - least(clock_timestamp(), oldest.xact_start)) * 1000)::float8 AS held_back_by,
              oldest.pid, oldest.state
         FROM (SELECT 1) clock
         LEFT JOIN LATERAL (SELECT xact_start, pid, state FROM pg_stat_activity
                             WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
                             ORDER BY xact_start LIMIT 1) oldest ON true`,
    );
    return { until: new Date(row.until), heldBackBy: row.held_back_by, oldest: row.pid === null ? null : { pid: row.pid, state: row.state } };
  }

  /**
   * Locks the saved searches last looked at before `until` (skipping those another process holds)
   * and counts, for each, the watch items stored since then and up to `until` that its owner may
   * see and that match it; those with none are not listed.
   */
  async lockNewMatches(tx: EntityManager, until: Date, limit: number): Promise<{ checked: string[]; matched: SavedSearchMatches[] }> {
    const locked: { id: string }[] = await tx.query(
      `SELECT id FROM saved_search WHERE checked_until < $1 ORDER BY checked_until LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
      [until],
    );
    if (!locked.length) return { checked: [], matched: [] };
    const checked = locked.map((row) => row.id);
    const matched: SavedSearchMatches[] = await tx.query(
      `SELECT saved.id, saved.owner_id, saved.workspace_id, saved.name, count(*)::int AS matches
         FROM saved_search saved
         CROSS JOIN LATERAL (${savedSearchItems({ fetchedAfter: 'saved.checked_until', fetchedUntil: '$2::timestamptz' })}) hit
        WHERE saved.id = ANY ($1::uuid[])
        GROUP BY saved.id`,
      [checked, until],
    );
    return { checked, matched };
  }

  /** Marks saved searches as looked at up to `until`. */
  async advance(tx: EntityManager, ids: string[], until: Date): Promise<void> {
    await tx.update(SavedSearch, { id: In(ids) }, { checkedUntil: until });
  }

  /** The ids of the newest watch items the saved search finds for its owner now, newest first. */
  async latestItemIds(id: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.savedSearches.query(
      `SELECT hit.id FROM saved_search saved
         CROSS JOIN LATERAL (${savedSearchItems({ fetchedAfter: 'NULL::timestamptz', fetchedUntil: 'NULL::timestamptz' })}) hit
        WHERE saved.id = $1
        ORDER BY hit.published_at DESC, hit.id DESC
        LIMIT ${limit}`,
      [id],
    );
    return rows.map((row) => row.id);
  }
}
