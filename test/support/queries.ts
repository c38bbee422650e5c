import { AsyncLocalStorage } from 'node:async_hooks';
import type { TestApp } from './harness';

/** Marks what `work` runs, so that what runs meanwhile on timers of its own (the activity stream's readers, the senders) is not counted. */
const counting = new AsyncLocalStorage<true>();

/**
 * Counts the SQL statements the app sends for `work` (to show a page costs the same at any size), or
 * those `counted` picks: the statements sent from `work`'s own asynchronous chain — its requests and
 * their loaders — not those of background loops that happen to run meanwhile.
 */
export async function countQueries(app: TestApp, work: () => Promise<unknown>, counted: (sql: string) => boolean = () => true): Promise<number> {
  const logger = app.dataSource.logger;
  let count = 0;
  const countingLogger = Object.create(logger, {
    logQuery: {
      value: (...args: Parameters<typeof logger.logQuery>) => {
        if (counting.getStore() && counted(args[0])) count++;
        return logger.logQuery(...args);
      },
    },
  });
  Object.assign(app.dataSource, { logger: countingLogger });
  try {
    await counting.run(true, work);
  } finally {
    Object.assign(app.dataSource, { logger });
  }
  return count;
}
