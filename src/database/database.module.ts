import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions, MigrationExecutor } from 'typeorm';
import { AppConfig } from '../config/config';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedPostgres } from './embedded-postgres';

/** Any constant: serializes migrations when several processes start against one server. */
const MIGRATION_LOCK = 7_261_600;

/** A data source that stops the embedded PostgreSQL under it once its own connections are closed. */
class TandemDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    private readonly embedded?: EmbeddedPostgres,
  ) {
    super(options);
  }

  override async destroy(): Promise<void> {
    await super.destroy();
    await this.embedded?.stop();
  }
}

/** Runs the pending migrations on one connection, one transaction each, under the migration lock on a server. */
async function migrate(dataSource: DataSource, embedded: boolean): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    // A single connection and a single process need no lock. A migration may outlast a request's
    // statement timeout (an index on a large table): this connection lifts it until released.
    if (!embedded) {
      await runner.query('SET statement_timeout = 0');
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    }
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    await executor.executePendingMigrations();
  } finally {
    if (!embedded) {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await runner.query('RESET statement_timeout').catch(() => undefined);
    }
    await runner.release();
  }
}

@Module({})
export class DatabaseModule {
  /** The data source: the configured PostgreSQL server, or an embedded one. Migrations run at start-up. */
  static forRoot(): DynamicModule {
    let embedded: EmbeddedPostgres | undefined;
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            if (!config.DATABASE_URL) embedded = await EmbeddedPostgres.start(config.TANDEM_DATA_DIR);
            const url = config.DATABASE_URL ?? (embedded as EmbeddedPostgres).url;
            return { ...dataSourceOptions(url, !!embedded, config.STATEMENT_TIMEOUT_MS, config.DATABASE_POOL_SIZE), autoLoadEntities: true };
          },
          dataSourceFactory: async (options) => {
            const dataSource = new TandemDataSource(options as DataSourceOptions, embedded);
            try {
              await dataSource.initialize();
              await migrate(dataSource, !!embedded);
            } catch (error) {
              await (dataSource.isInitialized ? dataSource.destroy() : embedded?.stop());
              throw error;
            }
            return dataSource;
          },
        }),
      ],
    };
  }
}
