import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction, AuditService } from '../activity';
import { BadUserInputError } from '../common/errors';
import { Actor } from '../common/request-context';
import { ExportOpmlArgs, ImportOpmlInput, normalizeTopics, OpmlEntryStatus, OpmlImportEntry, OpmlImportResult } from './dto/source.inputs';
import { officialLanguage } from './feed-fetch.service';
import { buildOpml, OpmlOutline, parseOpml } from './opml';
import { normalizeSourceUrl } from './source-url';
import { SourceKind, WatchSource } from './watch-source.entity';
import { WatchSourceStore } from './watch-source.store';
import { WatchSourcesService } from './watch-sources.service';

const MAX_OPML_ENTRIES = 1000;

/** Sources in and out as OPML: an organization imports a reader's subscriptions, and exports its own or a workspace's. */
@Injectable()
export class OpmlService {
  constructor(
    private readonly store: WatchSourceStore,
    private readonly sources: WatchSourcesService,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Registers every feed of an OPML document for the organization, and says what became of each:
   * IMPORTED, DUPLICATE (of a source with the same URL or feed URL, or of an earlier entry), or
   * REFUSED (no feed URL, not http/https, unreadable).
   */
  async importOpml(actor: Actor, input: ImportOpmlInput): Promise<OpmlImportResult> {
    await this.sources.assertOrganizationMember(actor, input.organizationId);
    let outlines: OpmlOutline[];
    try {
      outlines = parseOpml(input.opml).slice(0, MAX_OPML_ENTRIES);
    } catch (error) {
      throw BadUserInputError.field('opml', error instanceof Error ? error.message : 'is not an OPML document');
    }
    return this.dataSource.transaction(async (tx) => {
      // One import at a time per organization: the duplicate checks below see every earlier source.
      await this.store.lockOpmlImports(tx, input.organizationId);
      const byUrl = new Map<string, WatchSource>();
      const remember = (source: WatchSource) => {
        byUrl.set(source.url, source);
        if (source.feedUrl) byUrl.set(source.feedUrl, source);
      };
      (await this.store.ofOrganization(tx, input.organizationId)).forEach(remember);
      const entries: OpmlImportEntry[] = [];
      for (const outline of outlines) {
        const entry: OpmlImportEntry = { title: outline.title ?? null, feedUrl: outline.xmlUrl ?? null, status: OpmlEntryStatus.REFUSED, reason: null, source: null };
        entries.push(entry);
        let feedUrl: string;
        let url: string;
        try {
          if (!outline.xmlUrl) throw new Error('The outline has no xmlUrl');
          feedUrl = normalizeSourceUrl(outline.xmlUrl);
          url = outline.htmlUrl ? normalizeSourceUrl(outline.htmlUrl) : feedUrl;
        } catch (error) {
          entry.reason = (error as Error).message;
          continue;
        }
        const duplicate = byUrl.get(feedUrl) ?? byUrl.get(url);
        if (duplicate) {
          Object.assign(entry, { status: OpmlEntryStatus.DUPLICATE, reason: `Already watched: ${duplicate.feedUrl ?? duplicate.url}`, source: duplicate });
          continue;
        }
        const source = await this.store.insert(tx, {
          organizationId: input.organizationId,
          url,
          feedUrl,
          kind: SourceKind.RSS,
          language: officialLanguage(outline.language),
          topics: (normalizeTopics({ value: outline.categories ?? [] }) as string[]).slice(0, 20).map((topic) => topic.slice(0, 60)),
          title: outline.title || null,
          createdById: actor.userId,
        });
        remember(source);
        Object.assign(entry, { status: OpmlEntryStatus.IMPORTED, source });
      }
      const count = (status: OpmlEntryStatus) => entries.filter((entry) => entry.status === status).length;
      const result = { entries, imported: count(OpmlEntryStatus.IMPORTED), duplicates: count(OpmlEntryStatus.DUPLICATE), refused: count(OpmlEntryStatus.REFUSED) };
      await this.audit.record(
        {
          actorId: actor.userId,
          action: AuditAction.sourceOpmlImported,
          resourceType: 'organization',
          resourceId: input.organizationId,
          organizationId: input.organizationId,
          details: { imported: result.imported, duplicates: result.duplicates, refused: result.refused },
        },
        tx,
      );
      return result;
    });
  }

  /** The feeds of an organization (its members) or of a workspace (its members), as OPML 2.0. */
  async exportOpml(actor: Actor, args: ExportOpmlArgs): Promise<string> {
    const sources: WatchSource[] = [];
    let after: string | undefined;
    do {
      const page = await this.sources.list(actor, { ...args, first: 100, after });
      sources.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined;
    } while (after);
    return buildOpml({
      title: 'Tandem',
      outlines: sources
        .filter((source) => source.feedUrl)
        .reverse()
        .map((source) => ({
          title: source.title ?? source.url,
          xmlUrl: source.feedUrl as string,
          htmlUrl: source.url,
          language: source.language ?? undefined,
          categories: source.topics,
        })),
    });
  }
}
