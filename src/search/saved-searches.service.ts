import { Injectable } from '@nestjs/common';
import { AtomEntry, renderAtom } from '../common/atom';
import { BadUserInputError, NotFoundError } from '../common/errors';
import { RequestLoaders } from '../common/loaders';
import { Connection } from '../common/pagination';
import { Actor } from '../common/request-context';
import { hashToken, newOpaqueToken } from '../common/tokens';
import { SourcesLoaders, WatchItem } from '../sources';
import { AccessPolicy } from '../workspaces';
import { SavedSearchesArgs, SaveSearchInput } from './dto/saved-search.inputs';
import { SavedSearch } from './saved-search.entity';
import { SavedSearchStore } from './saved-search.store';
import { NAMES_NO_WORD } from './search.service';
import { SearchStore } from './search.store';

const FEED_ENTRIES = 50;

/** Saved searches: a member's own, in a workspace they may read items of; each with an optional secret Atom feed. */
@Injectable()
export class SavedSearchesService {
  constructor(
    private readonly store: SavedSearchStore,
    private readonly policy: AccessPolicy,
    private readonly sources: SourcesLoaders,
    private readonly searches: SearchStore,
  ) {}

  async save(actor: Actor, input: SaveSearchInput): Promise<SavedSearch> {
    await this.policy.assert(actor, 'item.read', { workspaceId: input.workspaceId, kind: 'Workspace' });
    // Its alerts would be every new item.
    if (await this.searches.queryLeavesOutOnly(input.query, input.language ?? null)) throw BadUserInputError.field('query', NAMES_NO_WORD);
    return this.store.insert({ workspaceId: input.workspaceId, ownerId: actor.userId, name: input.name, query: input.query, language: input.language ?? null });
  }

  list(actor: Actor, args: SavedSearchesArgs): Promise<Connection<SavedSearch>> {
    return this.store.pageOfOwner(actor.userId, args.workspaceId, args);
  }

  async delete(actor: Actor, savedSearchId: string): Promise<boolean> {
    await this.own(actor, savedSearchId);
    await this.store.delete(savedSearchId);
    return true;
  }

  /** A new secret address (256 random bits, stored hashed, shown once); an earlier one stops answering. */
  async createFeed(actor: Actor, savedSearchId: string, baseUrl: string): Promise<{ url: string }> {
    await this.own(actor, savedSearchId);
    const token = newOpaqueToken();
    await this.store.setFeedTokenHash(savedSearchId, hashToken(token));
    return { url: `${baseUrl}/search-feeds/${token}.atom` };
  }

  async revokeFeed(actor: Actor, savedSearchId: string): Promise<SavedSearch> {
    const saved = await this.own(actor, savedSearchId);
    await this.store.setFeedTokenHash(savedSearchId, null);
    return Object.assign(saved, { feedTokenHash: null });
  }

  /**
   * The feed behind a secret: the newest items the search finds for its owner at this moment
   * (NOT_FOUND for an unknown or revoked secret). It follows the owner's access, which no date
   * tells: it has no Last-Modified, its ETag alone validates it.
   */
  async renderFeed(token: string, selfUrl: string): Promise<string> {
    const saved = await this.store.findByFeedTokenHash(hashToken(token));
    if (!saved) throw new NotFoundError('Feed');
    const ids = await this.store.latestItemIds(saved.id, FEED_ENTRIES);
    const loaded = await this.sources.watchItem(new RequestLoaders()).loadMany(ids);
    const entries = loaded.flatMap((item) => (item && !(item instanceof Error) ? [entryOf(item, selfUrl)] : []));
    const updated = entries.reduce((latest, entry) => (entry.updated > latest ? entry.updated : latest), saved.createdAt);
    return renderAtom({ id: `urn:uuid:${saved.id}`, title: saved.name, selfUrl, updated, entries });
  }

  private async own(actor: Actor, savedSearchId: string): Promise<SavedSearch> {
    const saved = await this.store.findOwn(actor.userId, savedSearchId);
    if (!saved) throw new NotFoundError('Saved search');
    return saved;
  }
}

/** An item as an Atom entry: its summary is HTML sanitized when it was stored. */
function entryOf(item: WatchItem, selfUrl: string): AtomEntry {
  return {
    id: `urn:uuid:${item.id}`,
    title: item.title,
    updated: item.updatedAt,
    published: item.publishedAt,
    link: item.url ?? selfUrl,
    language: item.language ?? undefined,
    authors: item.author ? [item.author] : [],
    contentHtml: item.summary ?? undefined,
  };
}
