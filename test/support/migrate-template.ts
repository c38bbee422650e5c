import { createApp } from '../../src/app.factory';
import { testConfig } from './harness';

/**
 * Migrates the database the environment names (TANDEM_DATA_DIR or DATABASE_URL): the app runs its
 * migrations at start-up. Run by global-setup.ts in a process of its own, since Jest's own process
 * must not load the app (a test run in band would load a second copy of every decorator's metadata).
 * Closing the app leaves no connection to the template (a server refuses to copy a database in use).
 */
async function migrate(): Promise<void> {
  // No Redis: nothing is fetched here.
  const app = await createApp(testConfig({ REDIS_URL: '' }));
  await app.close();
}

migrate().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
