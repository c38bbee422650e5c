import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '../common/loaders';
import { Actor, CurrentActor } from '../common/request-context';
import { SearchResult } from './dto/search-result';
import { SearchArgs, SearchHit, SearchHitConnection } from './dto/search.args';
import { SearchNodesService } from './search-nodes.service';
import { SearchService } from './search.service';

@Resolver()
export class SearchResolver {
  constructor(private readonly service: SearchService) {}

  @Query(() => SearchHitConnection, { description: 'Everything the caller may read that matches, best first (README: Search)' })
  search(@CurrentActor() actor: Actor, @Args() args: SearchArgs) {
    return this.service.search(actor, args);
  }
}

@Resolver(() => SearchHit)
export class SearchHitResolver {
  constructor(private readonly nodes: SearchNodesService) {}

  @ResolveField(() => SearchResult, {
    nullable: true,
    description:
      "The object itself, as its own query (article, digest, watchSource…) shows it; null when the caller found only what is public of it (a PUBLIC article's published text, a published digest of a workspace they are not in). A watch item has its curation in the workspace the search is limited to (filter.workspaceId); without one its curation is null, its status NEW",
  })
  node(@Parent() hit: SearchHit, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders) {
    return this.nodes.nodeOf(loaders, actor, hit);
  }
}
