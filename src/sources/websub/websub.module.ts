import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FeedFetchingModule } from '../feed-fetching.module';
import { WebSubCallbackService } from './websub-callback.service';
import { WebSubRoutes } from './websub-routes';
import { WebSubSubscription } from './websub-subscription.entity';
import { WebSubResolver } from './websub.resolver';

/**
 * What the API adds to the WebSub subscriber of the feed pipeline: the callback hubs call, and
 * the subscription on a source in GraphQL. Subscribing and renewing run wherever feeds are fetched.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebSubSubscription]), FeedFetchingModule],
  providers: [WebSubCallbackService, WebSubRoutes, WebSubResolver],
})
export class WebSubModule {}
