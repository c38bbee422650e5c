import { Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles';
import { EventsService } from '../coverage';
import { byKeys, RequestLoaders } from '../common/loaders';
import { Actor } from '../common/request-context';
import { OrganizationsService } from '../organizations';
import { DigestsService, WatchItemsService, WatchSourcesService } from '../sources';
import { SearchHit, SearchKind } from './dto/search.args';

/**
 * Reads the objects of these ids of one kind that the viewer may read by their type's own rule, in
 * one statement; `workspaceId` is the hits' (a watch item's is the workspace the search was limited to).
 */
type ReadableByIds = (actor: Actor, ids: readonly string[], workspaceId: string | null) => Promise<{ id: string }[]>;

/**
 * The object of each hit. The hits were decided by the search's SQL, but a hit may be found by less
 * than its type shows (a PUBLIC article's published text, a published digest, for someone outside
 * its workspace): each kind is read again by ids under its type's own rule, as `article(id)` or
 * `digest(id)` would, so the node never shows more than them. One statement per kind on the page.
 */
@Injectable()
export class SearchNodesService {
  private readonly readers: Record<SearchKind, ReadableByIds>;

  constructor(articles: ArticlesService, events: EventsService, organizations: OrganizationsService, digests: DigestsService, sources: WatchSourcesService, items: WatchItemsService) {
    this.readers = {
      // Listed in the workspace the search was limited to: with its curation there.
      [SearchKind.WATCH_ITEM]: (actor, ids, workspaceId) => items.visibleByIds(actor, ids, workspaceId),
      [SearchKind.WATCH_SOURCE]: (actor, ids) => sources.visibleByIds(actor, ids),
      [SearchKind.DIGEST]: (actor, ids) => digests.readableByIds(actor, ids),
      [SearchKind.ARTICLE]: (actor, ids) => articles.readableByIds(actor, ids),
      [SearchKind.COMMENT]: (actor, ids) => articles.readableCommentsByIds(actor, ids),
      [SearchKind.EVENT]: (actor, ids) => events.readableEvents(actor, ids),
      [SearchKind.EVENT_SESSION]: (actor, ids) => events.readableSessions(actor, ids),
      // The directory is open to anyone signed in.
      [SearchKind.ORGANIZATION]: (_actor, ids) => organizations.findByIds(ids),
    };
  }

  /** The hit's object, or null when the caller may not read it through its type. */
  nodeOf(loaders: RequestLoaders, actor: Actor, hit: SearchHit): Promise<object | null> {
    const read = this.readers[hit.kind];
    const workspaceId = hit.kind === SearchKind.WATCH_ITEM ? hit.workspaceId : null;
    return loaders
      .get<string, object | null>(`searchNode:${hit.kind}:${workspaceId}`, async (ids) => byKeys(ids, await read(actor, ids, workspaceId), (node) => node.id))
      .load(hit.id);
  }
}
