import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Language } from '../common/localized-text';
import { AppConfig } from '../config/config';
import { isSharedAnywhere, LIVE_SHARES } from './share-sql';
import { FEED_KINDS, FetchOutcome, SourceKind } from './watch-source.entity';

/** What a fetcher holds while it fetches a source: the columns the fetch needs, and until when it holds them. */
export interface ClaimedSource {
  id: string;
  feedUrl: string;
  kind: SourceKind;
  language: Language | null;
  etag: string | null;
  lastModified: string | null;
  consecutiveFailures: number;
  bodyHash: string | null;
  leaseUntil: Date;
  /** The polling interval learned from the feed; null while it told nothing. */
  fetchIntervalSeconds: number | null;
  /** The end of the lease of a verified WebSub subscription: the hub pushes until then, polling is a safety net. */
  pushedUntil: Date | null;
  /** Whether new items' pages are fetched for their full text (full-text.service.ts). */
  fullText: boolean;
}

/** An entry of a feed, cleaned, as it is stored. */
export interface FetchedItem {
  guid: string;
  url: string | null;
  title: string;
  summary: string | null;
  content: string | null;
  author: string | null;
  language: Language | null;
  enclosures: string[];
  publishedAt: Date | null;
  contentHash: string;
}

/** An item a fetch stored for the first time. */
export interface InsertedItem {
  id: string;
  guid: string;
}

/** What a successful fetch leaves on the source; `validators` null when the feed answered 304. */
export interface FetchSuccess {
  outcome: FetchOutcome;
  nextFetchSeconds: number;
  /** The polling interval learned from this feed; null keeps the one learned before (304, same bytes). */
  fetchIntervalSeconds: number | null;
  validators: { etag: string | null; lastModified: string | null; bodyHash: string } | null;
  /** The feed's own title, kept when the source has none. */
  title: string | null;
  /** The kind the feed turned out to be (a feed registered as RSS may be Atom). */
  kind: SourceKind | null;
  /** Entries of the parsed feed left out as unusable; null when nothing was parsed (304, same bytes). */
  skippedItems: number | null;
}

/** What a failed or refused fetch leaves on the source. */
export interface FetchFailure {
  outcome: FetchOutcome.FAILED | FetchOutcome.REFUSED;
  consecutiveFailures: number;
  message: string;
  nextFetchSeconds: number;
}

/** The lease end of the source's verified WebSub subscription, if any (watch_source unaliased, as in RETURNING). */
const PUSHED_UNTIL = `(SELECT push.lease_expires_at FROM websub_subscription push WHERE push.source_id = watch_source.id AND push.state = 'ACTIVE')`;

const CLAIMED_COLUMNS = `id, feed_url AS "feedUrl", kind, language, etag, last_modified AS "lastModified",
  consecutive_failures AS "consecutiveFailures", body_hash AS "bodyHash", fetch_lease_until AS "leaseUntil",
  fetch_interval_seconds AS "fetchIntervalSeconds", ${PUSHED_UNTIL} AS "pushedUntil", full_text AS "fullText"`;

/** Nobody holds the lease of the source aliased `alias` at the instant `now` (a SQL expression). */
const FREE = (alias: string, now: string) => `(${alias}.fetch_lease_until IS NULL OR ${alias}.fetch_lease_until < ${now})`;

/** Due at `now`: has a feed that is not gone, is shared somewhere, its time has come, and nobody holds it. */
const DUE = (alias: string, now: string) =>
  `${alias}.feed_url IS NOT NULL AND ${alias}.gone_at IS NULL AND ${alias}.next_fetch_at <= ${now} AND ${FREE(alias, now)} AND ${isSharedAnywhere(`${alias}.id`)}`;

/**
 * Every statement of the fetch pipeline: the leases in PostgreSQL that keep two fetchers off one
 * source, the conditional-fetch state, and the upsert of fetched items. Leases are decided at the
 * instant the caller gives, and last FETCH_LEASE_SECONDS, so a fetcher that died frees its sources then.
 */
@Injectable()
export class FeedFetchStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Takes the lease of up to `limit` sources due at `now`, oldest due first, skipping rows another fetcher is claiming at the same instant. */
  async claimDue(now: Date, limit: number): Promise<ClaimedSource[]> {
    if (limit <= 0) return [];
    return this.claimed(
      `UPDATE watch_source SET fetch_lease_until = $1::timestamptz + $2 * interval '1 second'
        WHERE id IN (SELECT due.id FROM watch_source due WHERE ${DUE('due', '$1::timestamptz')}
                      ORDER BY due.next_fetch_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING ${CLAIMED_COLUMNS}`,
      [now, this.config.FETCH_LEASE_SECONDS, limit],
    );
  }

  /** Takes the lease of the source if it has a feed and nobody holds it at `now`, due or not. */
  async claimIfFree(now: Date, sourceId: string): Promise<ClaimedSource | undefined> {
    return this.claimOne(now, sourceId, `watch_source.feed_url IS NOT NULL AND ${FREE('watch_source', '$1::timestamptz')}`);
  }

  /** Takes the lease of the source if it is due at `now` and nobody holds it. */
  async claimIfDue(now: Date, sourceId: string): Promise<ClaimedSource | undefined> {
    return this.claimOne(now, sourceId, DUE('watch_source', '$1::timestamptz'));
  }

  /** Extends from `now` a lease still as it was claimed (`held`); null when it ran out and another fetcher took the source. */
  async renewLease(now: Date, sourceId: string, held: Date): Promise<Date | null> {
    const [renewed] = await this.claimed(
      `UPDATE watch_source SET fetch_lease_until = $1::timestamptz + $2 * interval '1 second'
        WHERE id = $3 AND fetch_lease_until = $4::timestamptz RETURNING fetch_lease_until AS "leaseUntil"`,
      [now, this.config.FETCH_LEASE_SECONDS, sourceId, held],
    );
    return renewed?.leaseUntil ?? null;
  }

  /** Gives back leases taken but not used: the sources are due again at once. */
  async release(sourceIds: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE watch_source SET fetch_lease_until = NULL WHERE id = ANY($1::uuid[])`, [sourceIds]);
  }

  /** How many sources are due at `now` and held by nobody: the fetch backlog. */
  async countDue(now: Date): Promise<number> {
    const [row]: { count: number }[] = await this.dataSource.query(`SELECT count(*)::int AS count FROM watch_source due WHERE ${DUE('due', '$1::timestamptz')}`, [now]);
    return row.count;
  }

  /** The ids of sources due at `now` that nobody holds, oldest due first (what the scheduler enqueues with REDIS_URL). */
  async dueSourceIds(now: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT due.id FROM watch_source due WHERE ${DUE('due', '$1::timestamptz')} ORDER BY due.next_fetch_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Of `guids`, those the source has stored already: whose pages full text does not read again. */
  async knownGuids(sourceId: string, guids: string[]): Promise<Set<string>> {
    if (!guids.length) return new Set();
    const rows: { guid: string }[] = await this.dataSource.query(`SELECT guid FROM watch_item WHERE source_id = $1 AND guid = ANY($2::text[])`, [sourceId, guids]);
    return new Set(rows.map((row) => row.guid));
  }

  /** The workspaces the source is shared into now: where its new items land. */
  async sharedInto(tx: EntityManager, sourceId: string): Promise<string[]> {
    const rows: { workspace_id: string }[] = await tx.query(`SELECT share.workspace_id FROM (${LIVE_SHARES}) share WHERE share.source_id = $1`, [sourceId]);
    return rows.map((row) => row.workspace_id);
  }

  /**
   * Stores a feed's items in one statement: new guids are inserted, known ones updated only when
   * their content hash differs, so a re-fetch of an unchanged feed writes no item. Returns the
   * items it inserted (a row PostgreSQL inserted rather than updated has no xmax). With
   * `keepArticles` (a full-text source), an entry the feed sends without content keeps the article
   * stored for it: pages are read for new items only, so an edited summary must not wipe it.
   */
  async upsertItems(tx: EntityManager, sourceId: string, items: FetchedItem[], keepArticles: boolean): Promise<InsertedItem[]> {
    if (!items.length) return [];
    const column = <K extends keyof FetchedItem>(key: K) => items.map((item) => item[key]);
    const rows: (InsertedItem & { inserted: boolean })[] = await tx.query(
      `INSERT INTO watch_item (source_id, guid, url, title, summary, content, author, language, enclosures, published_at, fetched_at, updated_at, content_hash)
       SELECT $1, t.guid, t.url, t.title, t.summary, t.content, t.author, t.language::language,
              -- Each item's media travel as a JSON array: unnest cannot take an array of arrays of different lengths.
              ARRAY(SELECT jsonb_array_elements_text(t.enclosures::jsonb)),
              -- Undated entries take the moment they were first seen; entries dated in the future, now.
              LEAST(COALESCE(t.published_at, now()), now()), now(), now(), t.content_hash
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::text[], $12::text[])
           AS t(guid, url, title, summary, content, author, language, published_at, content_hash, enclosures)
       ON CONFLICT (source_id, guid) DO UPDATE
          SET url = EXCLUDED.url, title = EXCLUDED.title, summary = EXCLUDED.summary,
              content = CASE WHEN $11::boolean THEN COALESCE(EXCLUDED.content, watch_item.content) ELSE EXCLUDED.content END,
              author = EXCLUDED.author, language = EXCLUDED.language, enclosures = EXCLUDED.enclosures, updated_at = now(), content_hash = EXCLUDED.content_hash
        WHERE watch_item.content_hash <> EXCLUDED.content_hash
       RETURNING id, guid, xmax = '0'::xid AS inserted`,
      [
        sourceId,
        column('guid'),
        column('url'),
        column('title'),
        column('summary'),
        column('content'),
        column('author'),
        column('language'),
        column('publishedAt'),
        column('contentHash'),
        keepArticles,
        items.map((item) => JSON.stringify(item.enclosures)),
      ],
    );
    return rows.filter((row) => row.inserted).map(({ id, guid }) => ({ id, guid }));
  }

  /** Records a fetch that stored items, in the transaction that stored them, and releases the lease. */
  async recordFetched(tx: EntityManager, sourceId: string, success: FetchSuccess): Promise<void> {
    await tx.query(
      `UPDATE watch_source
          SET fetch_lease_until = NULL, last_fetched_at = now(), last_fetch_outcome = $2::fetch_outcome,
              consecutive_failures = 0, last_error = NULL, refused_reason = NULL, gone_at = NULL,
              next_fetch_at = now() + $3 * interval '1 second',
              fetch_interval_seconds = COALESCE($12::int, fetch_interval_seconds),
              etag = CASE WHEN $4 THEN $5 ELSE etag END,
              last_modified = CASE WHEN $4 THEN $6 ELSE last_modified END,
              body_hash = COALESCE($7, body_hash),
              title = COALESCE(title, $8),
              -- A feed registered as RSS that turns out to be Atom says what it is.
              kind = CASE WHEN kind = ANY($9::source_kind[]) AND $10::source_kind IS NOT NULL THEN $10::source_kind ELSE kind END,
              last_fetch_skipped_items = COALESCE($11::int, last_fetch_skipped_items)
        WHERE id = $1`,
      [
        sourceId,
        success.outcome,
        success.nextFetchSeconds,
        !!success.validators,
        success.validators?.etag ?? null,
        success.validators?.lastModified ?? null,
        success.validators?.bodyHash ?? null,
        success.title,
        FEED_KINDS,
        success.kind,
        success.skippedItems,
        success.fetchIntervalSeconds,
      ],
    );
  }

  /** How many pages the last fetch could not read for their full text. */
  async recordFullTextFailures(sourceId: string, failures: number): Promise<void> {
    await this.dataSource.query(`UPDATE watch_source SET last_fetch_full_text_failures = $2 WHERE id = $1`, [sourceId, failures]);
  }

  /** Records, on its own, a fetch that brought nothing new (304, or the same bytes), and releases the lease. */
  recordUnchanged(sourceId: string, success: FetchSuccess): Promise<void> {
    return this.recordFetched(this.dataSource.manager, sourceId, success);
  }

  /** Records a failed or refused fetch and when to try again, and releases the lease. */
  async recordFailure(sourceId: string, failure: FetchFailure): Promise<void> {
    await this.dataSource.query(
      `UPDATE watch_source
          SET fetch_lease_until = NULL, last_fetched_at = now(), last_fetch_outcome = $2::fetch_outcome,
              consecutive_failures = $3, last_error = $4,
              refused_reason = CASE WHEN $2::fetch_outcome = 'REFUSED' THEN $4 ELSE NULL END,
              next_fetch_at = now() + $5 * interval '1 second'
        WHERE id = $1`,
      [sourceId, failure.outcome, failure.consecutiveFailures, failure.message, failure.nextFetchSeconds],
    );
  }

  /** Records a 410: the feed is gone, the scheduler leaves it (DUE), and releases the lease. */
  async recordGone(sourceId: string, message: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE watch_source
          SET fetch_lease_until = NULL, last_fetched_at = now(), last_fetch_outcome = 'GONE', gone_at = COALESCE(gone_at, now()),
              consecutive_failures = 0, last_error = $2, refused_reason = NULL
        WHERE id = $1`,
      [sourceId, message],
    );
  }

  /** Points the source at its feed's new address; the organization it belongs to, for the audit, or null when the address was already this one. */
  async moveFeed(tx: EntityManager, sourceId: string, feedUrl: string): Promise<{ organizationId: string; from: string } | null> {
    const result: unknown = await tx.query(
      `UPDATE watch_source moved SET feed_url = $2
         FROM watch_source previous WHERE moved.id = $1 AND previous.id = moved.id AND moved.feed_url IS DISTINCT FROM $2
       RETURNING moved.organization_id AS "organizationId", previous.feed_url AS "from"`,
      [sourceId, feedUrl],
    );
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as { organizationId: string; from: string }[];
    return rows[0] ?? null;
  }

  private async claimOne(now: Date, sourceId: string, condition: string): Promise<ClaimedSource | undefined> {
    const [claimed] = await this.claimed(
      `UPDATE watch_source SET fetch_lease_until = $1::timestamptz + $2 * interval '1 second'
        WHERE id = $3 AND ${condition} RETURNING ${CLAIMED_COLUMNS}`,
      [now, this.config.FETCH_LEASE_SECONDS, sourceId],
    );
    return claimed;
  }

  /** Runs an UPDATE … RETURNING of claimed rows; TypeORM returns `[rows, affected]` for it on PostgreSQL. */
  private async claimed(sql: string, parameters: unknown[]): Promise<ClaimedSource[]> {
    const result: unknown = await this.dataSource.query(sql, parameters);
    return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as ClaimedSource[];
  }
}
