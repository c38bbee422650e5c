import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AcceptsApiToken, ApiTokenScope, User, userLoader, UsersService } from '../auth';
import { ParseIdPipe } from '../common/id.pipe';
import { Loaders, RequestLoaders } from '../common/loaders';
import { ConnectionType } from '../common/pagination';
import { Actor, CurrentActor } from '../common/request-context';
import { Organization, organizationLoader, OrganizationsService } from '../organizations';
import { Workspace } from '../workspaces';
import {
  CreateWatchSourceInput,
  ExportOpmlArgs,
  ImportOpmlInput,
  OpmlImportResult,
  RefreshWatchSourceInput,
  ShareWatchSourceInput,
  UnshareWatchSourceInput,
  WatchSourcesArgs,
} from './dto/source.inputs';
import { CurateWatchItemInput, WatchItemsArgs } from './dto/item.inputs';
import { excerpt } from './excerpt';
import { OpmlService } from './opml.service';
import { SourceSharingService } from './source-sharing.service';
import { SourcesLoaders } from './sources.loaders';
import { WatchItemsService } from './watch-items.service';
import { WatchSourcesService } from './watch-sources.service';
import { Curation, CurationStatus, WatchItem } from './watch-item.entity';
import { SourceShare, WatchSource } from './watch-source.entity';

const WatchSourceConnection = ConnectionType(WatchSource);
const WatchItemConnection = ConnectionType(WatchItem);
const EXCERPT_LENGTH = 300;

@Resolver(() => WatchSource)
export class WatchSourcesResolver {
  constructor(
    private readonly service: WatchSourcesService,
    private readonly sharing: SourceSharingService,
    private readonly opml: OpmlService,
    private readonly loaders: SourcesLoaders,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => WatchSource, { nullable: true, description: 'NOT_FOUND unless the caller belongs to its organization or to a workspace it is shared into' })
  watchSource(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, new ParseIdPipe('Watch source')) id: string) {
    return this.service.get(actor, id);
  }

  @AcceptsApiToken(ApiTokenScope.SOURCES_READ)
  @Query(() => WatchSourceConnection, { description: "Either a workspace's shared sources or an organization's own; newest first" })
  watchSources(@CurrentActor() actor: Actor, @Args() args: WatchSourcesArgs) {
    return this.service.list(actor, args);
  }

  @AcceptsApiToken(ApiTokenScope.SOURCES_READ)
  @Query(() => String, { description: 'OPML 2.0 of the feeds of an organization or of a workspace' })
  exportOpml(@CurrentActor() actor: Actor, @Args() args: ExportOpmlArgs) {
    return this.opml.exportOpml(actor, args);
  }

  @Mutation(() => WatchSource, { description: 'By any member of the organization; CONFLICT when it already watches the URL' })
  createWatchSource(@CurrentActor() actor: Actor, @Args('input') input: CreateWatchSourceInput) {
    return this.service.create(actor, input);
  }

  @Mutation(() => SourceShare, { description: 'By a member acting in the workspace for the organization that owns the source' })
  shareWatchSource(@CurrentActor() actor: Actor, @Args('input') input: ShareWatchSourceInput) {
    return this.sharing.share(actor, input);
  }

  @Mutation(() => Boolean, { description: 'By whoever may share it, or by the workspace managers' })
  unshareWatchSource(@CurrentActor() actor: Actor, @Args('input') input: UnshareWatchSourceInput) {
    return this.sharing.unshare(actor, input);
  }

  @Mutation(() => WatchSource, { description: "Fetch now; the outcome is in the source's fetch state" })
  refreshWatchSource(@CurrentActor() actor: Actor, @Args('input') input: RefreshWatchSourceInput) {
    return this.service.refresh(actor, input.sourceId);
  }

  @AcceptsApiToken(ApiTokenScope.SOURCES_IMPORT_OPML)
  @Mutation(() => OpmlImportResult)
  importOpml(@CurrentActor() actor: Actor, @Args('input') input: ImportOpmlInput) {
    return this.opml.importOpml(actor, input);
  }

  @ResolveField(() => Organization)
  organization(@Parent() source: WatchSource, @Loaders() loaders: RequestLoaders) {
    return organizationLoader(loaders, this.organizations).load(source.organizationId);
  }

  @ResolveField(() => [SourceShare], { description: 'Where it is shared, as far as the caller may know: all for its organization, else the caller’s workspaces' })
  shares(
    @CurrentActor() actor: Actor,
    @Parent() source: WatchSource,
    @Loaders() loaders: RequestLoaders,
    @Args('includeRevoked', { defaultValue: false }) includeRevoked: boolean,
  ) {
    return this.loaders.shares(loaders, actor, includeRevoked).load(source.id);
  }
}

@Resolver(() => SourceShare)
export class SourceShareResolver {
  constructor(
    private readonly loaders: SourcesLoaders,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => WatchSource)
  source(@Parent() share: SourceShare, @Loaders() loaders: RequestLoaders) {
    return this.loaders.watchSource(loaders).load(share.sourceId);
  }

  @ResolveField(() => Workspace)
  workspace(@Parent() share: SourceShare, @Loaders() loaders: RequestLoaders) {
    return this.loaders.workspace(loaders).load(share.workspaceId);
  }

  @ResolveField(() => User, { nullable: true })
  sharedBy(@Parent() share: SourceShare, @Loaders() loaders: RequestLoaders) {
    return share.sharedById ? userLoader(loaders, this.users).load(share.sharedById) : null;
  }

  @ResolveField(() => User, { nullable: true })
  revokedBy(@Parent() share: SourceShare, @Loaders() loaders: RequestLoaders) {
    return share.revokedById ? userLoader(loaders, this.users).load(share.revokedById) : null;
  }
}

@Resolver(() => WatchItem)
export class WatchItemsResolver {
  constructor(
    private readonly service: WatchItemsService,
    private readonly loaders: SourcesLoaders,
  ) {}

  @Query(() => WatchItemConnection, { description: 'Items of the sources shared into the workspace now, newest first' })
  watchItems(@CurrentActor() actor: Actor, @Args() args: WatchItemsArgs) {
    return this.service.list(actor, args);
  }

  @Mutation(() => Curation)
  curateWatchItem(@CurrentActor() actor: Actor, @Args('input') input: CurateWatchItemInput) {
    return this.service.curate(actor, input);
  }

  @ResolveField(() => WatchSource)
  source(@Parent() item: WatchItem, @Loaders() loaders: RequestLoaders) {
    return this.loaders.watchSource(loaders).load(item.sourceId);
  }

  @ResolveField(() => Curation, { nullable: true, description: "The listing workspace's triage; null while nobody triaged it" })
  curation(@Parent() item: WatchItem): Curation | null {
    return item.curation ?? null;
  }

  @ResolveField(() => CurationStatus, { description: "The listing workspace's triage status (NEW when untouched)" })
  status(@Parent() item: WatchItem): CurationStatus {
    return item.curation?.status ?? CurationStatus.NEW;
  }

  @ResolveField(() => String, { nullable: true, description: 'The summary (else the content) as plain text, shortened' })
  excerpt(@Parent() item: WatchItem): string | null {
    return excerpt(item.summary ?? item.content, EXCERPT_LENGTH);
  }
}

@Resolver(() => Curation)
export class CurationResolver {
  constructor(
    private readonly loaders: SourcesLoaders,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => WatchItem)
  async item(@Parent() curation: Curation, @Loaders() loaders: RequestLoaders) {
    const item = await this.loaders.watchItem(loaders).load(curation.itemId);
    // Seen from its curation, the item's triage is this one.
    return item && { ...item, curation };
  }

  @ResolveField(() => User, { nullable: true })
  curatedBy(@Parent() curation: Curation, @Loaders() loaders: RequestLoaders) {
    return curation.curatedById ? userLoader(loaders, this.users).load(curation.curatedById) : null;
  }
}
