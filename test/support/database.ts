import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * The migrated template of this test run (global-setup.ts): a data folder on the embedded
 * database, a database name on a server. Without it (benchmarks, scripts) each database starts
 * empty and is migrated by the app itself.
 */
export const TEMPLATE_VARIABLE = 'TANDEM_TEST_TEMPLATE';

/** Names this run's databases on a server, so that the teardown finds what a crashed file left. */
export const RUN_VARIABLE = 'TANDEM_TEST_RUN';

/**
 * A clean database for one test file: on the embedded database a copy of the template's data
 * folder (or a fresh in-memory one), on the server named by DATABASE_URL a new database created
 * from the template (or empty). Dropped afterwards.
 */
export interface TestDatabase {
  /** What the app needs to open it: TANDEM_DATA_DIR, or DATABASE_URL. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_VARIABLE];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) return createServerDatabase(serverUrl, template);
  if (!template) return { env: { TANDEM_DATA_DIR: 'memory://' }, drop: async () => undefined };
  const folder = mkdtempSync(join(tmpdir(), 'tandem-test-'));
  // Only the PostgreSQL files: whatever else the template's app wrote there (a secret, a lock) stays behind.
  cpSync(join(template, 'pg'), join(folder, 'pg'), { recursive: true });
  return { env: { TANDEM_DATA_DIR: folder }, drop: async () => rmSync(folder, { recursive: true, force: true }) };
}

async function createServerDatabase(serverUrl: string, template: string | undefined): Promise<TestDatabase> {
  const name = `${databasePrefix()}${process.pid}_${randomBytes(4).toString('hex')}`;
  await withServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  return {
    env: { DATABASE_URL: databaseUrl(serverUrl, name) },
    drop: async () => {
      await withServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** `tandem_test_<run>_` during a test run, `tandem_test_` otherwise. */
export function databasePrefix(run = process.env[RUN_VARIABLE]): string {
  return run ? `tandem_test_${run}_` : 'tandem_test_';
}

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `work` on a connection to the server's own database, closed afterwards. */
export async function withServer<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
