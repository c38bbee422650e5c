import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphQLContext, publicBaseUrl } from '../common/request-context';
import { AppConfig } from '../config/config';
import { SavedSearchConnection, SavedSearchesArgs, SavedSearchFeed, SavedSearchIdInput, SaveSearchInput } from './dto/saved-search.inputs';
import { SavedSearch } from './saved-search.entity';
import { SavedSearchesService } from './saved-searches.service';

@Resolver(() => SavedSearch)
export class SavedSearchesResolver {
  constructor(
    private readonly service: SavedSearchesService,
    private readonly config: AppConfig,
  ) {}

  @Query(() => SavedSearchConnection, { description: "The caller's saved searches, newest first" })
  savedSearches(@CurrentActor() actor: Actor, @Args() args: SavedSearchesArgs) {
    return this.service.list(actor, args);
  }

  @Mutation(() => SavedSearch, { description: 'Saves a search in a workspace: new matching watch items notify the caller' })
  saveSearch(@CurrentActor() actor: Actor, @Args('input') input: SaveSearchInput) {
    return this.service.save(actor, input);
  }

  @Mutation(() => Boolean)
  deleteSavedSearch(@CurrentActor() actor: Actor, @Args('input') input: SavedSearchIdInput) {
    return this.service.delete(actor, input.savedSearchId);
  }

  @Mutation(() => SavedSearchFeed, { description: 'A secret Atom address of the saved search, shown once; it replaces any earlier one' })
  createSavedSearchFeed(@CurrentActor() actor: Actor, @Args('input') input: SavedSearchIdInput, @Context('req') request: GraphQLContext['req']) {
    return this.service.createFeed(actor, input.savedSearchId, publicBaseUrl(this.config.PUBLIC_URL, request));
  }

  @Mutation(() => SavedSearch, { description: 'The feed address stops answering' })
  revokeSavedSearchFeed(@CurrentActor() actor: Actor, @Args('input') input: SavedSearchIdInput) {
    return this.service.revokeFeed(actor, input.savedSearchId);
  }
}
