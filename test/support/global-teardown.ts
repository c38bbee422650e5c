import { rmSync } from 'node:fs';
import { databasePrefix, RUN_VARIABLE, TEMPLATE_VARIABLE, withServer } from './database';

/** Removes the run's template (global-setup.ts), and on a server any database a crashed test file left. */
export default async function removeTemplate(): Promise<void> {
  const template = process.env[TEMPLATE_VARIABLE];
  if (!template) return;
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    rmSync(template, { recursive: true, force: true });
    return;
  }
  await withServer(serverUrl, async (client) => {
    const prefix = databasePrefix(process.env[RUN_VARIABLE]);
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [prefix]);
    for (const name of [template, ...rows.map((row) => row.datname)]) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}
