import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
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

async function migrate(dataSource: DataSource, embedded: boolean): Promise<void> {
  if (embedded) {
    // A single connection and a single process: nothing to race with.
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
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
            return { ...dataSourceOptions(url, !!embedded), autoLoadEntities: true };
          },
          dataSourceFactory: async (options) => {
            const dataSource = await new TandemDataSource(options as DataSourceOptions, embedded).initialize();
            try {
              await migrate(dataSource, !!embedded);
            } catch (error) {
              await dataSource.destroy();
              throw error;
            }
            return dataSource;
          },
        }),
      ],
    };
  }
}
