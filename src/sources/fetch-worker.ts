import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger, LoggerModule } from 'nestjs-pino';
import { ActivityStreamModule } from '../activity';
import { AppConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { FeedFetchingModule } from './feed-fetching.module';
import { FetchQueue } from './fetch-queue';

/** A worker process: the database, the activity stream and audit trail, and the feed pipeline; no HTTP. */
@Module({})
export class FetchWorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: FetchWorkerModule,
      imports: [ConfigModule.forRoot(config), LoggerModule.forRoot({ pinoHttp: { level: config.LOG_LEVEL } }), DatabaseModule.forRoot(), ActivityStreamModule, FeedFetchingModule],
    };
  }
}

/**
 * Starts a worker that drains the fetch queue (REDIS_URL required): used by `npm run start:worker`
 * and by the tests. It also runs the scheduler's enqueuing tick unless FETCH_SCHEDULER=off.
 */
export async function startFetchWorker(config: AppConfig): Promise<INestApplicationContext> {
  if (!config.REDIS_URL) throw new Error('REDIS_URL: required by the feed worker');
  const context = await NestFactory.createApplicationContext(FetchWorkerModule.forRoot(config), { bufferLogs: true });
  context.useLogger(context.get(Logger));
  context.get(FetchQueue).startWorker();
  return context;
}
