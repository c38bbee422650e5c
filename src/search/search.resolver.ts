import { Args, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '../common/request-context';
import { SearchArgs, SearchHitConnection } from './dto/search.args';
import { SearchService } from './search.service';

@Resolver()
export class SearchResolver {
  constructor(private readonly service: SearchService) {}

  @Query(() => SearchHitConnection, { description: 'Everything the caller may read that matches, best first (README: Search)' })
  search(@CurrentActor() actor: Actor, @Args() args: SearchArgs) {
    return this.service.search(actor, args);
  }
}
