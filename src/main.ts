import 'reflect-metadata';
import { createApp, serve } from './app.factory';
import { ConfigError, loadConfig } from './config/config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  const url = await serve(app, config);
  console.log(`Tandem is listening on ${url}/graphql`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
