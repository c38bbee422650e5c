import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles';
import { CoverageModule } from '../coverage';
import { DeliveryAccess } from './delivery-access';
import { LiveConnections } from './live-connections';
import { LiveHub } from './live-hub';
import { LiveSubscriptionsService } from './live-subscriptions.service';
import {
  ArticleChangeResolver,
  CoverageChangeResolver,
  LiveEventResolver,
  NotificationArrivalResolver,
  RealtimeResolver,
  WorkspaceActivityResolver,
} from './realtime.resolver';

/** Live updates: GraphQL subscriptions over WebSocket, fed by the activity stream (which fans out through Redis with REDIS_URL). */
@Module({
  imports: [ArticlesModule, CoverageModule],
  providers: [
    LiveConnections,
    DeliveryAccess,
    LiveHub,
    LiveSubscriptionsService,
    RealtimeResolver,
    LiveEventResolver,
    ArticleChangeResolver,
    WorkspaceActivityResolver,
    CoverageChangeResolver,
    NotificationArrivalResolver,
  ],
  exports: [LiveConnections],
})
export class RealtimeModule {}
