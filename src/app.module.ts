import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { LoggerModule } from 'nestjs-pino';
import { ActivityModule } from './activity/activity.module';
import { ArticlesModule } from './articles/articles.module';
import { AuthModule } from './auth/auth.module';
import { AppErrorFilter } from './common/app-error.filter';
import { inputValidationPipe } from './common/validation';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { CoverageModule } from './coverage/coverage.module';
import { DatabaseModule } from './database/database.module';
import { graphqlOptions } from './graphql.options';
import { HealthModule } from './health/health.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { SourcesModule } from './sources/sources.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
        }),
        DatabaseModule.forRoot(),
        // Domain events between modules (an article published moves its coverage), awaited by the emitter.
        EventEmitterModule.forRoot(),
        GraphQLModule.forRoot<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          ...graphqlOptions(config),
        }),
        HealthModule,
        ActivityModule,
        AuthModule,
        OrganizationsModule,
        WorkspacesModule,
        SourcesModule,
        ArticlesModule,
        CoverageModule,
      ],
      providers: [
        { provide: APP_PIPE, useValue: inputValidationPipe },
        { provide: APP_FILTER, useClass: AppErrorFilter },
      ],
    };
  }
}
