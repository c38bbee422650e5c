import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseUrl, RUN_VARIABLE, TEMPLATE_VARIABLE, withServer } from './database';

/**
 * Once per `npm test`, when an end-to-end test is to run: a database migrated by the app itself,
 * which every test file then copies (support/database.ts) instead of creating and migrating its
 * own. The test workers inherit the variables set here; global-teardown.ts removes the template.
 */
export default async function prepareTemplate(): Promise<void> {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env[RUN_VARIABLE] = run;
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `tandem_template_${run}`;
    await withServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    process.env[TEMPLATE_VARIABLE] = name;
    await migrate({ DATABASE_URL: databaseUrl(serverUrl, name) });
  } else {
    const folder = mkdtempSync(join(tmpdir(), 'tandem-template-'));
    process.env[TEMPLATE_VARIABLE] = folder;
    await migrate({ TANDEM_DATA_DIR: folder });
  }
}

function migrate(database: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['--require', join(__dirname, 'swc-register.js'), join(__dirname, 'migrate-template.ts')], {
    env: { ...process.env, ...database },
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Migrating the test template failed (exit code ${code})`))));
  });
}
