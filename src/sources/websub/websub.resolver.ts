import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { byKeys, Loaders, RequestLoaders } from '../../common/loaders';
import { WatchSource } from '../watch-source.entity';
import { WebSubSubscription } from './websub-subscription.entity';
import { WebSubStore } from './websub.store';

@Resolver(() => WatchSource)
export class WebSubResolver {
  constructor(private readonly store: WebSubStore) {}

  @ResolveField(() => WebSubSubscription, { nullable: true, description: 'Its WebSub subscription, when its feed advertises a hub and PUBLIC_URL is set; its secret is never shown' })
  webSub(@Parent() source: WatchSource, @Loaders() loaders: RequestLoaders) {
    return loaders
      .get<string, WebSubSubscription | null>('webSubBySource', async (ids) => byKeys(ids, await this.store.bySourceIds(ids), (subscription) => subscription.sourceId))
      .load(source.id);
  }
}
