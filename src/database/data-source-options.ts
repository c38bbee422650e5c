import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { SnakeNamingStrategy } from './naming-strategy';

/**
 * What the app and the TypeORM CLI share: PostgreSQL, snake_case, migrations, never `synchronize`.
 * `statementTimeoutMs` bounds every statement on a server (the CLI's migrations run unbounded);
 * `poolSize` is a process's connections to a server.
 */
export function dataSourceOptions(url: string, embedded: boolean, statementTimeoutMs?: number, poolSize = 10): DataSourceOptions {
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
    extra: {
      // The embedded database takes one connection; a server takes a small pool per process.
      max: embedded ? 1 : poolSize,
      connectionTimeoutMillis: 10_000,
      // A server cancels a statement past its statement_timeout. PGlite ignores the setting and cannot
      // be interrupted mid-statement: an embedded statement runs to its end in its worker thread.
      ...(statementTimeoutMs && !embedded ? { statement_timeout: statementTimeoutMs } : {}),
    },
  };
}
