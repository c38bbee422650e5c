import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { startFetchWorker } from './sources/fetch-worker';

/** `npm run start:worker`: drains the feed-fetch queue named by REDIS_URL until SIGTERM or SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    if (!config.REDIS_URL) throw new ConfigError('Invalid configuration — REDIS_URL: required by the worker');
    // An embedded database belongs to one process: workers share the API's PostgreSQL server.
    if (!config.DATABASE_URL) throw new ConfigError('Invalid configuration — DATABASE_URL: required by the worker');
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const worker = await startFetchWorker(config);
  console.log(`Tandem feed worker draining ${config.FETCH_QUEUE_PREFIX}:feed-fetch, ${config.FETCH_CONCURRENCY} at a time`);
  const stop = async () => {
    // Finishes the fetches in flight (their leases are released), then closes Redis and the database.
    await worker.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

void main();
