import type { TestApp } from './harness';

/** Counts the SQL statements the app sends while `work` runs (to show a page costs the same at any size), or those `counted` picks. */
export async function countQueries(app: TestApp, work: () => Promise<unknown>, counted: (sql: string) => boolean = () => true): Promise<number> {
  const logger = app.dataSource.logger;
  let count = 0;
  const counting = Object.create(logger, {
    logQuery: {
      value: (...args: Parameters<typeof logger.logQuery>) => {
        if (counted(args[0])) count++;
        return logger.logQuery(...args);
      },
    },
  });
  Object.assign(app.dataSource, { logger: counting });
  try {
    await work();
  } finally {
    Object.assign(app.dataSource, { logger });
  }
  return count;
}
