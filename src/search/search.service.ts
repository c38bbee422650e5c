import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Language, LANGUAGES } from '../common/localized-text';
import { Connection, cursorRefusal, DEFAULT_PAGE_SIZE } from '../common/pagination';
import { BadUserInputError } from '../common/errors';
import { Actor } from '../common/request-context';
import { KINDS_OF_FILTER, SearchArgs, SearchFilter, SearchHit, SearchKind } from './dto/search.args';
import { safeHighlight } from './search-highlight';
import { suggestableWords, typedWords } from './search-query';
import { SearchCursor, SearchQuery, SearchRow, SearchStore } from './search.store';

const ALL_KINDS = Object.values(SearchKind);

/** A page of hits, and what to search instead when it is empty, worked out only when asked for. */
export interface SearchConnection extends Connection<SearchHit> {
  readonly suggestion: Promise<string | null>;
}

/** The refusal of words that require nothing of a hit, which would find nearly every document, and slowly. */
export const NAMES_NO_WORD = 'must name a word to find, not only words to leave out';

/** Full-text search over everything the caller may read: the same few statements whatever the page size. */
@Injectable()
export class SearchService {
  constructor(private readonly store: SearchStore) {}

  async search(actor: Actor, args: SearchArgs): Promise<SearchConnection> {
    const backward = args.last !== undefined || args.before !== undefined;
    if (backward && (args.first !== undefined || args.after !== undefined)) {
      throw BadUserInputError.field(args.last !== undefined ? 'last' : 'before', 'cannot be combined with first or after: page forward or backward');
    }
    const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
    const from = backward ? args.before : args.after;
    const cursor = from ? decodeCursor(from, backward ? 'before' : 'after') : null;
    const asked = await this.searchQuery(actor, args);
    // The page and the count plan only the kinds with a match; "did you mean" looks for other words in every kind asked.
    const search = asked?.kinds.length ? await this.store.matched(asked) : null;
    if (search?.leavesOutOnly) throw BadUserInputError.field('query', NAMES_NO_WORD);
    const rows = search?.kinds.length && size > 0 ? await this.store.page(search, size + 1, cursor, backward).catch((error: unknown) => {
      // decodeCursor checks each part; what PostgreSQL still refuses of a forged cursor is the caller's error too.
      throw cursor ? cursorRefusal(error, backward ? 'before' : 'after') : error;
    }) : [];
    const taken = rows.slice(0, size);
    if (backward) taken.reverse();
    const edges = taken.map((row) => ({ cursor: encodeCursor(row), node: toHit(row) }));
    const more = rows.length > size;
    const store = this.store;
    let counted: Promise<number> | undefined;
    const count = () => (counted ??= search?.kinds.length ? store.count(search) : Promise.resolve(0));
    return {
      edges,
      pageInfo: { hasNextPage: !backward && more, hasPreviousPage: backward && more, startCursor: edges.at(0)?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      get totalCount() {
        return count();
      },
      get suggestion() {
        if (!asked?.kinds.length || cursor || asked.prefix) return Promise.resolve(null);
        // A page of no edges (first: 0, to read the count) tells nothing of what matched: the count does.
        const nothingFound = size > 0 ? Promise.resolve(!edges.length) : count().then((total) => total === 0);
        return nothingFound.then((nothing) => (nothing ? suggest(store, asked, args.query) : null));
      },
    };
  }

  /** What the store runs; null when the input has no word to look for. */
  private async searchQuery(actor: Actor, { query, autocomplete, filter }: SearchArgs): Promise<SearchQuery | null> {
    const typed = autocomplete ? typedWords(query) : null;
    if (autocomplete ? !typed : !query) return null;
    const kinds = kindsOf(filter);
    return {
      viewerId: actor.userId,
      query: typed ? typed.whole : query,
      // A search of no kind reads nothing: nor the lexicon.
      prefix: typed && { word: typed.prefix, completions: kinds.length ? await this.store.completions(typed.prefix) : [] },
      kinds,
      workspaceId: filter?.workspaceId ?? null,
      language: filter?.language ?? null,
      since: filter?.since ?? null,
      until: filter?.until ?? null,
      sourceId: filter?.sourceId ?? null,
      tag: filter?.tag ?? null,
      curationStatus: filter?.curationStatus ?? null,
      articleStatus: filter?.articleStatus ?? null,
      eventStatus: filter?.eventStatus ?? null,
      uncovered: filter?.uncovered ?? null,
    };
  }
}

/** The kinds asked for (all when none), narrowed by each filter of one kind. */
function kindsOf(filter: SearchFilter | undefined): SearchKind[] {
  let kinds: readonly SearchKind[] = filter?.types?.length ? [...new Set(filter.types)] : ALL_KINDS;
  for (const [name, concerned] of Object.entries(KINDS_OF_FILTER)) {
    if (filter?.[name as keyof typeof KINDS_OF_FILTER] != null) kinds = kinds.filter((kind) => (concerned as readonly SearchKind[]).includes(kind));
  }
  return [...kinds];
}

/**
 * "Did you mean": the query with each word that has a close lexicon word replaced by the closest
 * one that finds something; null when no word does.
 */
async function suggest(store: SearchStore, search: SearchQuery, query: string): Promise<string | null> {
  const words = suggestableWords(query);
  if (!words.length) return null;
  const found = await store.suggestions(search, words);
  const best = new Map<number, string>();
  for (const { position, word } of found) if (!best.has(position)) best.set(position, word);
  if (!best.size) return null;
  return words.map((word, index) => best.get(index + 1) ?? word).join(' ');
}

function toHit(row: SearchRow): SearchHit {
  return {
    kind: row.kind,
    id: row.id,
    workspaceId: row.workspace_id,
    language: row.language as Language,
    title: row.title,
    rank: Number(row.rank),
    highlight: safeHighlight(row.headline),
    publishedAt: row.published_at ? new Date(row.published_at) : null,
  };
}

function encodeCursor(row: SearchRow): string {
  return Buffer.from(JSON.stringify([row.rank, row.kind, row.id, row.language])).toString('base64url');
}

function decodeCursor(cursor: string, argument: 'after' | 'before'): SearchCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 4) {
      const [rank, kind, id, language] = value.map(String);
      // Each part is one PostgreSQL will read as its type: a rank of '.' or 'e' would pass a character check and fail there.
      if (/^[-+0-9.e]+$/i.test(rank) && isReal(rank) && ALL_KINDS.includes(kind as SearchKind) && isUUID(id) && LANGUAGES.includes(language as Language)) {
        return { rank, kind: kind as SearchKind, id, language };
      }
    }
  } catch {
    // refused below
  }
  throw BadUserInputError.field(argument, 'is not a cursor from this list');
}

/**
 * Whether PostgreSQL reads `rank` as a real (float4): finite once rounded to one, and zero only
 * when written as zero (JavaScript reads '1e-400' as 0, PostgreSQL refuses it as out of range).
 */
function isReal(rank: string): boolean {
  const real = Math.fround(Number(rank));
  return Number.isFinite(real) && (real !== 0 || /^[-+]?[0.]+(e[-+]?[0-9]+)?$/i.test(rank));
}
