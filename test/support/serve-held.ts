import 'reflect-metadata';
import { createApp, serve } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config';

/**
 * Tandem served as main.ts serves it, for a parent test process (over IPC), plus GET /test/held,
 * which answers only when the parent says so: a request kept in flight as long as the test needs.
 */
async function main(): Promise<void> {
  const tell = (message: unknown) => process.send?.(message);
  const config = loadConfig();
  const app = await createApp(config);
  app
    .getHttpAdapter()
    .getInstance()
    .get('/test/held', async () => {
      tell('held');
      await new Promise((released) => process.once('message', released));
      return { released: true };
    });
  tell({ listening: await serve(app, config) });
}

void main();
