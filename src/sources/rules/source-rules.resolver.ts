import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '../../common/loaders';
import { Actor, CurrentActor } from '../../common/request-context';
import { WatchItem } from '../watch-item.entity';
import { SourceShare } from '../watch-source.entity';
import { SetSourceRulesInput } from './dto/rule.inputs';
import { MatchedRule, SourceRule } from './source-rule.entity';
import { SourceRulesLoaders } from './source-rules.loaders';
import { SourceRulesService } from './source-rules.service';

@Resolver(() => SourceShare)
export class SourceShareRulesResolver {
  constructor(
    private readonly service: SourceRulesService,
    private readonly loaders: SourceRulesLoaders,
  ) {}

  @Mutation(() => [SourceRule], {
    description: "Replaces the rules of a source shared into the workspace, in the order they run; by the workspace's editors. A pattern RE2 refuses is BAD_USER_INPUT",
  })
  setSourceRules(@CurrentActor() actor: Actor, @Args('input') input: SetSourceRulesInput) {
    return this.service.setRules(actor, input);
  }

  @ResolveField(() => [SourceRule], { description: 'What the workspace does to the items the source brings, in order; empty unless the viewer has access to the workspace' })
  async rules(@CurrentActor() actor: Actor, @Parent() share: SourceShare, @Loaders() loaders: RequestLoaders): Promise<SourceRule[]> {
    // Members of the source's organization see every share, not the rules of workspaces they are not in.
    if (!(await this.loaders.readsWorkspace(loaders, actor).load(share.workspaceId))) return [];
    return this.loaders.rulesOfShare(loaders).load(share.id);
  }
}

@Resolver(() => WatchItem)
export class WatchItemRulesResolver {
  @ResolveField(() => [MatchedRule], { description: "The listing workspace's rules that matched the item as it arrived (\"matched rule …\"), in order" })
  matchedRules(@Parent() item: WatchItem): MatchedRule[] {
    return item.curation?.matchedRules ?? [];
  }
}
