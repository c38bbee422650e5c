import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { createApp } from './app.factory';
import { loadConfig } from './config/config';
import { renderSchema, SCHEMA_FILE } from './schema-file';

/** Regenerates schema.gql from the resolvers, on a throw-away in-memory database. */
async function main(): Promise<void> {
  const app = await createApp(
    loadConfig({ ...process.env, DATABASE_URL: '', TANDEM_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }),
  );
  writeFileSync(SCHEMA_FILE, renderSchema(app));
  await app.close();
  console.log(`wrote ${SCHEMA_FILE}`);
}

void main();
