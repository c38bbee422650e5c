import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityKind, ActivityStream } from '../activity';
import { htmlToPlainText, sanitizeRichText } from '../common/rich-text';
import { Language } from '../common/localized-text';
import { AppConfig } from '../config/config';
import { ClaimedSource, FeedFetchStore, FetchedItem, FetchSuccess, InsertedItem } from './feed-fetch.store';
import { FeedPoliteness } from './feed-politeness.service';
import { FetchObserver } from './fetch-observer';
import { FeedParseError, ParsedFeed } from './fetcher/feed-parser';
import { parseFeedOffThread } from './fetcher/feed-parsing';
import { FetchFailedError, FetchRefusedError, safeFetch } from './fetcher/safe-http';
import { FULL_TEXT_BUDGET_MS, FullTextService } from './full-text.service';
import { httpUrlOrNull } from './links';
import { RuleIngestionService } from './rules/rule-ingestion.service';
import { FetchOutcome, SourceKind } from './watch-source.entity';
import { WebSubSubscriber } from './websub/websub-subscriber.service';

/**
 * What one fetch may take, from its start to its last write: the fetcher's total time-out (15 s)
 * and a margin. A lease with less left is renewed before fetching, so it cannot run out mid-fetch.
 */
const LONGEST_FETCH_MS = 20_000;
const MAX_ITEMS_PER_FETCH = 500;
const MAX_TITLE = 1_000;
const MAX_SUMMARY = 20_000;
const MAX_CONTENT = 200_000;
const MAX_ERROR = 500;
/** Media an entry may name, and how long each URL may be. */
const MAX_ENCLOSURES = 20;
const MAX_URL = 2_048;

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
    private readonly store: FeedFetchStore,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly observer: FetchObserver,
    private readonly politeness: FeedPoliteness,
    private readonly webSub: WebSubSubscriber,
    private readonly fullText: FullTextService,
    private readonly rules: RuleIngestionService,
    private readonly stream: ActivityStream,
  ) {}

  /** Fetches the source now, whatever its schedule, unless another fetcher holds it. */
  async fetchSource(sourceId: string, now = new Date()): Promise<FetchResult> {
    const claimed = await this.store.claimIfFree(now, sourceId);
    return claimed ? this.fetchClaimed(claimed, now) : 'busy';
  }

  /**
   * Fetches the source if it is still due and nobody holds it (a queue job: a duplicate or stale
   * job finds it fetched already and does nothing).
   */
  async fetchIfDue(sourceId: string, now = new Date()): Promise<FetchResult> {
    const claimed = await this.store.claimIfDue(now, sourceId);
    return claimed ? this.fetchClaimed(claimed, now) : 'skipped';
  }

  /**
   * Fetches a source whose lease the caller took, and releases it with the outcome. A lease about
   * to run out (claimed a while ago, in a batch) is renewed first; if it ran out and another
   * fetcher took the source meanwhile, this one leaves it: `busy`.
   */
  async fetchClaimed(source: ClaimedSource, now = new Date()): Promise<FetchResult> {
    const result = await this.politeness.inTurn(source.feedUrl, now, (turn) => this.attempt(source, turn));
    this.observer.fetched(result);
    return result;
  }

  private async attempt(source: ClaimedSource, now: Date): Promise<FetchResult> {
    const longest = LONGEST_FETCH_MS + (source.fullText ? FULL_TEXT_BUDGET_MS : 0);
    if (source.leaseUntil.getTime() - now.getTime() < longest && !(await this.store.renewLease(now, source.id, source.leaseUntil))) {
      return 'busy';
    }
    try {
      const response = await safeFetch(source.feedUrl, {
        etag: source.etag ?? undefined,
        lastModified: source.lastModified ?? undefined,
        allowHosts: this.config.FETCH_ALLOW_HOSTS,
      });
      await this.politeness.followMove(source, response.movedTo);
      const success = { ...this.politeness.schedule(source, response.cacheControl, null, now), title: null, kind: null, skippedItems: null };
      if (response.kind === 'not-modified') {
        await this.store.recordUnchanged(source.id, { ...success, outcome: FetchOutcome.NOT_MODIFIED, validators: null });
        return FetchOutcome.NOT_MODIFIED;
      }
      const validators = {
        etag: response.etag ?? null,
        lastModified: response.lastModified ?? null,
        bodyHash: createHash('sha256').update(response.body).digest('hex'),
      };
      // A server that ignores conditional requests but sends the same bytes: nothing to parse.
      if (validators.bodyHash === source.bodyHash) {
        await this.store.recordUnchanged(source.id, { ...success, outcome: FetchOutcome.UNCHANGED, validators });
        return FetchOutcome.UNCHANGED;
      }
      const feed = await this.ingest(source, response, (parsed) => ({ ...this.politeness.schedule(source, response.cacheControl, parsed, now), validators }));
      await this.webSub.advertised(source.id, feed, response.link, response.finalUrl);
      return FetchOutcome.FETCHED;
    } catch (error) {
      if (this.politeness.isGone(error)) {
        await this.store.recordGone(source.id, clip(error.message, MAX_ERROR));
        return FetchOutcome.GONE;
      }
      const refused = error instanceof FetchRefusedError;
      const expected = refused || error instanceof FetchFailedError || error instanceof FeedParseError;
      // What the fetcher and the parser say is meant for people; anything else stays in the logs.
      if (!expected) this.logger.error({ err: error, sourceId: source.id }, 'Unexpected error while fetching a feed');
      const outcome = refused ? FetchOutcome.REFUSED : FetchOutcome.FAILED;
      // The lease makes the claimed failure count current: nobody else wrote it meanwhile.
      const failures = source.consecutiveFailures + 1;
      await this.store.recordFailure(source.id, {
        outcome,
        consecutiveFailures: failures,
        message: clip(expected ? (error as Error).message : 'The feed could not be processed', MAX_ERROR),
        nextFetchSeconds: this.politeness.retryDelay(backoffSeconds(failures, this.config.FETCH_BACKOFF_BASE_SECONDS, this.config.FETCH_BACKOFF_MAX_SECONDS), error, now),
      });
      return outcome;
    }
  }

  /**
   * Content a WebSub hub pushed for the source: parsed and stored exactly like a fetched feed,
   * under the source's lease; `busy` while a fetch holds it. Validators stay those of the last poll.
   */
  async ingestPushed(sourceId: string, pushed: { body: Buffer; contentType: string | undefined; finalUrl: string }, now = new Date()): Promise<FetchResult> {
    const source = await this.store.claimIfFree(now, sourceId);
    if (!source) return 'busy';
    try {
      await this.ingest(source, pushed, (feed) => ({ ...this.politeness.schedule(source, undefined, feed, now), validators: null }));
      return FetchOutcome.FETCHED;
    } catch (error) {
      await this.store.release([source.id]);
      throw error;
    }
  }

  /** Puts each new item on the activity stream, once for every workspace the source is shared into now. */
  private async announceNew(tx: EntityManager, sourceId: string, inserted: readonly InsertedItem[]): Promise<void> {
    if (!inserted.length) return;
    const workspaceIds = await this.store.sharedInto(tx, sourceId);
    await this.stream.append(
      tx,
      workspaceIds.flatMap((workspaceId) =>
        inserted.map((item) => ({ kind: ActivityKind.watchItemIngested, resourceType: 'watch_item', resourceId: item.id, workspaceId, payload: { sourceId } })),
      ),
    );
  }

  /** Parses a feed body (off the event loop when large; the item cap applies while parsing) and stores its items and the fetch, in one transaction. */
  private async ingest(
    source: ClaimedSource,
    response: { body: Buffer; contentType: string | undefined; finalUrl: string },
    learned: (feed: ParsedFeed) => Pick<FetchSuccess, 'nextFetchSeconds' | 'fetchIntervalSeconds' | 'validators'>,
  ): Promise<ParsedFeed> {
    const feed = await parseFeedOffThread(response.body, response.contentType, response.finalUrl, MAX_ITEMS_PER_FETCH);
    const fetched = itemsOf(feed, source.language);
    // Pages are fetched before the transaction, which stays short.
    const items = source.fullText ? await this.fullText.complete(source.id, fetched) : fetched;
    await this.dataSource.transaction(async (tx) => {
      const inserted = await this.store.upsertItems(tx, source.id, items, source.fullText);
      await this.rules.applyToNewItems(tx, source.id, items, inserted);
      await this.announceNew(tx, source.id, inserted);
      await this.store.recordFetched(tx, source.id, {
        ...learned(feed),
        outcome: FetchOutcome.FETCHED,
        title: feed.title ? clip(htmlToPlainText(feed.title), 300) || null : null,
        kind: kindOfFormat(feed.format),
        skippedItems: feed.skippedItems,
      });
    });
    return feed;
  }
}

/**
 * The feed's entries as they are stored: HTML sanitized, text clipped, languages read, hashed;
 * once per guid (ON CONFLICT cannot touch one row twice in a statement, so a feed repeating a
 * guid keeps its first entry), at most MAX_ITEMS_PER_FETCH.
 */
function itemsOf(feed: ParsedFeed, sourceLanguage: Language | null): FetchedItem[] {
  const feedLanguage = officialLanguage(feed.language) ?? sourceLanguage;
  const seen = new Set<string>();
  return feed.items
    .map((item): FetchedItem => {
      const url = httpUrlOrNull(item.url);
      const title = clip(htmlToPlainText(item.title ?? ''), MAX_TITLE) || url || '—';
      const summary = clip(sanitizeRichText(item.summaryHtml ?? ''), MAX_SUMMARY) || null;
      const content = clip(sanitizeRichText(item.contentHtml ?? ''), MAX_CONTENT) || null;
      const author = clip(htmlToPlainText(item.author ?? ''), 300) || null;
      const language = officialLanguage(item.language) ?? feedLanguage;
      const guid = item.guid || url || hash([title, summary, content]);
      const enclosures = item.enclosures.flatMap((media) => httpUrlOrNull(media) ?? []).filter((media) => media.length <= MAX_URL).slice(0, MAX_ENCLOSURES);
      const contentHash = hash([url, title, summary, content, author, language, ...enclosures]);
      return { guid, url, title, summary, content, author, language, enclosures, publishedAt: item.publishedAt ?? null, contentHash };
    })
    .filter((item) => !seen.has(item.guid) && !!seen.add(item.guid))
    .slice(0, MAX_ITEMS_PER_FETCH);
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
