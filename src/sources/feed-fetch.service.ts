import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { htmlToPlainText, sanitizeRichText } from '../common/rich-text';
import { Language } from '../common/localized-text';
import { AppConfig } from '../config/config';
import { FeedParseError, parseFeed, ParsedFeed } from './fetcher/feed-parser';
import { FetchFailedError, FetchRefusedError, safeFetch } from './fetcher/safe-http';
import { httpUrlOrNull } from './links';
import { isSharedAnywhere } from './share-sql';
import { FEED_KINDS, FetchOutcome, SourceKind } from './watch-source.entity';

/** Long enough for any fetch to finish; a fetcher that died mid-fetch frees the source after this. */
const LEASE_MS = 5 * 60_000;
const MAX_ITEMS_PER_FETCH = 500;
const MAX_TITLE = 1_000;
const MAX_SUMMARY = 20_000;
const MAX_CONTENT = 200_000;
const MAX_ERROR = 500;

/** What a fetcher holds while it fetches a source: the columns the fetch needs. */
export interface ClaimedSource {
  id: string;
  feedUrl: string;
  kind: SourceKind;
  language: Language | null;
  etag: string | null;
  lastModified: string | null;
  consecutiveFailures: number;
  bodyHash: string | null;
}

const CLAIMED_COLUMNS = `id, feed_url AS "feedUrl", kind, language, etag, last_modified AS "lastModified",
  consecutive_failures AS "consecutiveFailures", body_hash AS "bodyHash"`;

/** `busy`: another fetcher holds the source right now; `skipped`: it is not due (any more). */
export type FetchResult = FetchOutcome | 'busy' | 'skipped';

/** The delay before the next attempt after `failures` failures in a row: base × 2^(failures − 1), capped. */
export function backoffSeconds(failures: number, baseSeconds: number, maxSeconds: number): number {
  return Math.min(baseSeconds * 2 ** Math.max(0, failures - 1), maxSeconds);
}

/** fr or en from a language tag (fr-CA, en_US, FR), or null for any other language. */
export function officialLanguage(tag: string | null | undefined): Language | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === Language.fr || primary === Language.en ? primary : null;
}

/**
 * Fetches one source's feed and stores what it brings. Whoever fetches (the scheduler, a queue
 * worker, a person asking for a refresh) first takes the source's lease in PostgreSQL, so a
 * source is never fetched twice at once. An unchanged feed costs a conditional request and a
 * 304; items are upserted by (source, guid) and rewritten only when their content hash changed;
 * a failure pushes the next attempt back exponentially and says why on the source.
 */
@Injectable()
export class FeedFetchService {
  private readonly logger = new Logger(FeedFetchService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Fetches the source now, whatever its schedule, unless another fetcher holds it. */
  async fetchSource(sourceId: string): Promise<FetchResult> {
    const [claimed] = await this.claim(sourceId, 'feed_url IS NOT NULL AND (fetch_lease_until IS NULL OR fetch_lease_until < now())');
    return claimed ? this.fetchClaimed(claimed) : 'busy';
  }

  /**
   * Fetches the source if it is still due and nobody holds it (a queue job: a duplicate or stale
   * job finds it fetched already and does nothing).
   */
  async fetchIfDue(sourceId: string): Promise<FetchResult> {
    const [claimed] = await this.claim(sourceId, DUE('watch_source'));
    return claimed ? this.fetchClaimed(claimed) : 'skipped';
  }

  /**
   * Takes the lease of up to `limit` due sources (shared somewhere, with a feed, next fetch
   * passed), skipping rows another fetcher is claiming at the same instant.
   */
  async claimDue(limit: number): Promise<ClaimedSource[]> {
    if (limit <= 0) return [];
    const rows = await this.dataSource.query(
      `UPDATE watch_source SET fetch_lease_until = now() + $2 * interval '1 millisecond'
        WHERE id IN (SELECT due.id FROM watch_source due WHERE ${DUE('due')}
                      ORDER BY due.next_fetch_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING ${CLAIMED_COLUMNS}`,
      [limit, LEASE_MS],
    );
    return unwrapUpdate(rows);
  }

  private async claim(sourceId: string, condition: string): Promise<ClaimedSource[]> {
    const rows = await this.dataSource.query(
      `UPDATE watch_source SET fetch_lease_until = now() + $2 * interval '1 millisecond'
        WHERE id = $1 AND ${condition} RETURNING ${CLAIMED_COLUMNS}`,
      [sourceId, LEASE_MS],
    );
    return unwrapUpdate(rows);
  }

  /** Gives back leases taken but not used (a stopping scheduler): the sources are due again at once. */
  async release(sourceIds: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE watch_source SET fetch_lease_until = NULL WHERE id = ANY($1::uuid[])`, [sourceIds]);
  }

  /** The ids of due sources nobody holds, oldest due first: what the scheduler enqueues with REDIS_URL. */
  async dueSourceIds(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT due.id FROM watch_source due WHERE ${DUE('due')} ORDER BY due.next_fetch_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  /** Fetches a source whose lease the caller holds, and releases it with the outcome. */
  async fetchClaimed(source: ClaimedSource): Promise<FetchOutcome> {
    try {
      const response = await safeFetch(source.feedUrl, {
        etag: source.etag ?? undefined,
        lastModified: source.lastModified ?? undefined,
        allowHosts: this.config.FETCH_ALLOW_HOSTS,
      });
      if (response.kind === 'not-modified') {
        await this.recordSuccess(this.dataSource.manager, source, FetchOutcome.NOT_MODIFIED, null);
        return FetchOutcome.NOT_MODIFIED;
      }
      const validators = {
        etag: response.etag ?? null,
        lastModified: response.lastModified ?? null,
        bodyHash: createHash('sha256').update(response.body).digest('hex'),
      };
      // A server that ignores conditional requests but sends the same bytes: nothing to parse.
      if (validators.bodyHash === source.bodyHash) {
        await this.recordSuccess(this.dataSource.manager, source, FetchOutcome.UNCHANGED, { ...validators, feed: null });
        return FetchOutcome.UNCHANGED;
      }
      const feed = parseFeed(response.body, response.contentType, response.finalUrl);
      await this.dataSource.transaction(async (manager) => {
        await this.storeItems(manager, source, feed);
        await this.recordSuccess(manager, source, FetchOutcome.FETCHED, { ...validators, feed });
      });
      return FetchOutcome.FETCHED;
    } catch (error) {
      const refused = error instanceof FetchRefusedError;
      const expected = refused || error instanceof FetchFailedError || error instanceof FeedParseError;
      // What the fetcher and the parser say is meant for people; anything else stays in the logs.
      if (!expected) this.logger.error({ err: error, sourceId: source.id }, 'Unexpected error while fetching a feed');
      const message = expected ? (error as Error).message : 'The feed could not be processed';
      await this.recordFailure(source, refused ? FetchOutcome.REFUSED : FetchOutcome.FAILED, message);
      return refused ? FetchOutcome.REFUSED : FetchOutcome.FAILED;
    }
  }

  /**
   * One statement for the whole feed: new guids are inserted, known ones updated only when
   * their content hash differs, so a re-fetch of an unchanged feed writes no item.
   */
  private async storeItems(manager: EntityManager, source: ClaimedSource, feed: ParsedFeed): Promise<void> {
    const feedLanguage = officialLanguage(feed.language) ?? source.language;
    const seen = new Set<string>();
    const items = feed.items
      .map((item) => {
        const url = httpUrlOrNull(item.url);
        const title = clip(htmlToPlainText(item.title ?? ''), MAX_TITLE) || url || '—';
        const summary = clip(sanitizeRichText(item.summaryHtml ?? ''), MAX_SUMMARY) || null;
        const content = clip(sanitizeRichText(item.contentHtml ?? ''), MAX_CONTENT) || null;
        const author = clip(htmlToPlainText(item.author ?? ''), 300) || null;
        const language = officialLanguage(item.language) ?? feedLanguage;
        const guid = item.guid || url || hash([title, summary, content]);
        const contentHash = hash([url, title, summary, content, author, language]);
        return { guid, url, title, summary, content, author, language, publishedAt: item.publishedAt ?? null, contentHash };
      })
      // ON CONFLICT cannot touch one row twice in a statement: a feed repeating a guid keeps its first entry.
      .filter((item) => !seen.has(item.guid) && !!seen.add(item.guid))
      .slice(0, MAX_ITEMS_PER_FETCH);
    if (!items.length) return;
    const column = <K extends keyof (typeof items)[number]>(key: K) => items.map((item) => item[key]);
    await manager.query(
      `INSERT INTO watch_item (source_id, guid, url, title, summary, content, author, language, published_at, fetched_at, updated_at, content_hash)
       SELECT $1, t.guid, t.url, t.title, t.summary, t.content, t.author, t.language::language,
              -- Undated entries take the moment they were first seen; entries dated in the future, now.
              LEAST(COALESCE(t.published_at, now()), now()), now(), now(), t.content_hash
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::text[])
           AS t(guid, url, title, summary, content, author, language, published_at, content_hash)
       ON CONFLICT (source_id, guid) DO UPDATE
          SET url = EXCLUDED.url, title = EXCLUDED.title, summary = EXCLUDED.summary, content = EXCLUDED.content,
              author = EXCLUDED.author, language = EXCLUDED.language, updated_at = now(), content_hash = EXCLUDED.content_hash
        WHERE watch_item.content_hash <> EXCLUDED.content_hash`,
      [
        source.id,
        column('guid'),
        column('url'),
        column('title'),
        column('summary'),
        column('content'),
        column('author'),
        column('language'),
        column('publishedAt'),
        column('contentHash'),
      ],
    );
  }

  private async recordSuccess(
    manager: EntityManager,
    source: ClaimedSource,
    outcome: FetchOutcome,
    received: { feed: ParsedFeed | null; etag: string | null; lastModified: string | null; bodyHash: string } | null,
  ): Promise<void> {
    const feed = received?.feed;
    await manager.query(
      `UPDATE watch_source
          SET fetch_lease_until = NULL, last_fetched_at = now(), last_fetch_outcome = $2::fetch_outcome,
              consecutive_failures = 0, last_error = NULL, refused_reason = NULL,
              next_fetch_at = now() + $3 * interval '1 second',
              etag = CASE WHEN $4 THEN $5 ELSE etag END,
              last_modified = CASE WHEN $4 THEN $6 ELSE last_modified END,
              body_hash = COALESCE($7, body_hash),
              title = COALESCE(title, $8),
              -- A feed registered as RSS that turns out to be Atom says what it is.
              kind = CASE WHEN kind = ANY($9::source_kind[]) AND $10::source_kind IS NOT NULL THEN $10::source_kind ELSE kind END
        WHERE id = $1`,
      [
        source.id,
        outcome,
        this.config.FETCH_INTERVAL_SECONDS,
        !!received,
        received?.etag ?? null,
        received?.lastModified ?? null,
        received?.bodyHash ?? null,
        feed?.title ? clip(htmlToPlainText(feed.title), 300) || null : null,
        FEED_KINDS,
        feed ? kindOfFormat(feed.format) : null,
      ],
    );
  }

  /** The lease makes the claimed failure count current: nobody else wrote it meanwhile. */
  private async recordFailure(source: ClaimedSource, outcome: FetchOutcome, message: string): Promise<void> {
    const failures = source.consecutiveFailures + 1;
    const delay = backoffSeconds(failures, this.config.FETCH_BACKOFF_BASE_SECONDS, this.config.FETCH_BACKOFF_MAX_SECONDS);
    await this.dataSource.query(
      `UPDATE watch_source
          SET fetch_lease_until = NULL, last_fetched_at = now(), last_fetch_outcome = $2::fetch_outcome,
              consecutive_failures = $3, last_error = $4,
              refused_reason = CASE WHEN $2::fetch_outcome = 'REFUSED' THEN $4 ELSE NULL END,
              next_fetch_at = now() + $5 * interval '1 second'
        WHERE id = $1`,
      [source.id, outcome, failures, clip(message, MAX_ERROR), delay],
    );
  }
}

/** Due: has a feed, is shared somewhere, its time has come, and nobody holds it. */
const DUE = (alias: string) => `${alias}.feed_url IS NOT NULL AND ${alias}.next_fetch_at <= now()
  AND (${alias}.fetch_lease_until IS NULL OR ${alias}.fetch_lease_until < now()) AND ${isSharedAnywhere(`${alias}.id`)}`;

/** TypeORM returns `[rows, affected]` for an UPDATE … RETURNING on PostgreSQL. */
function unwrapUpdate(result: unknown): ClaimedSource[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as ClaimedSource[];
}

function kindOfFormat(format: ParsedFeed['format']): SourceKind {
  if (format === 'ATOM') return SourceKind.ATOM;
  if (format === 'JSON_FEED') return SourceKind.JSON_FEED;
  return SourceKind.RSS;
}

function hash(values: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}

function clip(text: string, length: number): string {
  return text.length > length ? text.slice(0, length) : text;
}
