import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { LoggerModule } from 'nestjs-pino';
import { ActivityModule } from './activity/activity.module';
import { ArticlesModule } from './articles/articles.module';
import { Authenticator } from './auth';
import { AuthModule } from './auth/auth.module';
import { AppErrorFilter } from './common/app-error.filter';
import { httpLoggerOptions } from './common/http-logging';
import { inputValidationPipe } from './common/validation';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { CoverageModule } from './coverage/coverage.module';
import { DatabaseModule } from './database/database.module';
import { graphqlOptions } from './graphql/graphql.options';
import { GraphqlEdgeModule } from './graphql/graphql-edge.module';
import { NodeModule } from './graphql/node.module';
import { HealthModule } from './health/health.module';
import { IntegrationsModule } from './integrations';
import { MailModule } from './mail/mail.module';
import { MetricsModule } from './metrics';
import { NotificationsModule } from './notifications';
import { OrganizationsModule } from './organizations/organizations.module';
import { LiveConnections, RealtimeModule } from './realtime';
import { PublishingModule } from './publishing';
import { SearchModule } from './search/search.module';
import { SourcesModule } from './sources/sources.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({})
export class AppModule {
  /** `graphql` replaces the GraphQL module: for benchmarks of another driver on the same schema (bench/), never in the product. */
  static forRoot(config: AppConfig, graphql?: DynamicModule): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(httpLoggerOptions(config.LOG_LEVEL)),
        DatabaseModule.forRoot(),
        // Domain events between modules (an article published moves its coverage), awaited by the emitter.
        EventEmitterModule.forRoot(),
        graphql ??
          GraphQLModule.forRootAsync<MercuriusDriverConfig>({
            driver: MercuriusDriver,
            imports: [RealtimeModule],
            inject: [Authenticator, LiveConnections],
            // Subscriptions: graphql-ws on /graphql, authenticated at connection_init (src/realtime).
            useFactory: (authenticator: Authenticator, live: LiveConnections) => ({ ...graphqlOptions(config, authenticator), subscription: live.subscriptionOptions() }),
          }),
        GraphqlEdgeModule,
        HealthModule,
        MetricsModule,
        IntegrationsModule,
        ActivityModule,
        MailModule,
        AuthModule,
        OrganizationsModule,
        WorkspacesModule,
        SourcesModule,
        ArticlesModule,
        CoverageModule,
        SearchModule,
        RealtimeModule,
        NotificationsModule,
        PublishingModule,
        NodeModule,
      ],
      providers: [
        { provide: APP_PIPE, useValue: inputValidationPipe },
        { provide: APP_FILTER, useClass: AppErrorFilter },
      ],
    };
  }
}
