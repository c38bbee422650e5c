import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { SnakeNamingStrategy } from './naming-strategy';

/** What the app and the TypeORM CLI share: PostgreSQL, snake_case, migrations, never `synchronize`. */
export function dataSourceOptions(url: string, embedded: boolean): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    migrations,
    migrationsRun: false,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install, here or in PGlite.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // The embedded database takes one connection; a server takes a small pool per process.
    extra: { max: embedded ? 1 : 10, connectionTimeoutMillis: 10_000 },
  };
}
