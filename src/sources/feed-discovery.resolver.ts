import { Args, Query, Resolver } from '@nestjs/graphql';
import { DiscoveredFeed, DiscoverFeedsArgs } from './dto/discovered-feed';
import { FeedDiscoveryService } from './feed-discovery.service';

@Resolver()
export class FeedDiscoveryResolver {
  constructor(private readonly discovery: FeedDiscoveryService) {}

  @Query(() => [DiscoveredFeed], {
    description:
      'The feeds a web page offers: the URL itself when it is a feed, else its <link rel="alternate"> feeds, else feeds at common paths (/feed, /rss.xml…). Fetched like a feed: a private address is BAD_USER_INPUT',
  })
  discoverFeeds(@Args() args: DiscoverFeedsArgs) {
    return this.discovery.discover(args.url);
  }
}
