import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/config';
import { IN_MEMORY } from '../../src/config/secrets';
import { createTestDatabase, TestDatabase } from './database';
import { watchResponses } from './leaks';
import { createWorld, World } from './world';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data: T | null;
  errors?: { message: string; path?: string[]; extensions: Record<string, any> }[];
}

export interface GraphQLRequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

/** The HTTP request a GraphQL client sends: a POST of the query and variables as JSON (benchmarks send it to their bare routes too). */
export function graphqlRequest(query: string, variables: Record<string, unknown> = {}, options: GraphQLRequestOptions = {}) {
  return {
    method: 'POST' as const,
    url: '/graphql',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    payload: JSON.stringify({ query, variables }),
  };
}

/** How long starting or stopping an app may take: a file's only app start, on a machine that may be busy. */
const APP_HOOK_TIMEOUT_MS = 180_000;

/** The session cache window the server ships with, for the suites that run with it (accounts, MFA). */
export const SHIPPED_SESSION_CACHE_SECONDS = String(new AppConfig().SESSION_CACHE_SECONDS);

/**
 * The configuration of every app the tests start: test mode, quiet, on `env` (its database among
 * it), with cheap password hashes outside production mode (the tests register hundreds of people;
 * the algorithm is the same), and no per-client throttle of account mails (all of them register
 * from 127.0.0.1; test/account-email.e2e-spec.ts sets its own). The session is checked on every
 * request unless `env` asks otherwise: test/session-cache.e2e-spec.ts tests the cache.
 */
export function testConfig(env: Record<string, string>): AppConfig {
  const cheapHashes = env.NODE_ENV === 'production' ? {} : { PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_ITERATIONS: '1' };
  return loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...cheapHashes, ACCOUNT_MAIL_PER_CLIENT_ADDRESS: '1000000', SESSION_CACHE_SECONDS: '0', ...env });
}

/** An app on `env` (its database among it), ready for requests; closed again if it cannot be. */
async function launch(env: Record<string, string>, beforeReady?: (app: NestFastifyApplication) => void): Promise<NestFastifyApplication> {
  let nest: NestFastifyApplication | undefined;
  try {
    nest = await createApp(testConfig(env));
    beforeReady?.(nest);
    await nest.getHttpAdapter().getInstance().ready();
    return nest;
  } catch (error) {
    await nest?.close();
    throw error;
  }
}

/**
 * A running Tandem on a clean database, driven through its public HTTP endpoints. The handle
 * exists before the app starts, so that a test file can hold it while the harness starts it.
 */
export class TestApp {
  private running?: { nest: NestFastifyApplication; database: TestDatabase; env: Record<string, string>; beforeReady?: (app: NestFastifyApplication) => void };
  private readonly observers: ((response: GraphQLResponse, body: string) => void)[] = [];

  /** `beforeReady` may add routes (benchmarks add their reference routes) before Fastify seals them. */
  static async start(env: Record<string, string> = {}, beforeReady?: (app: NestFastifyApplication) => void): Promise<TestApp> {
    const app = new TestApp();
    await app.open(env, beforeReady);
    return app;
  }

  /** Starts the app on a new database (a copy of the run's migrated template when there is one). */
  async open(env: Record<string, string> = {}, beforeReady?: (app: NestFastifyApplication) => void): Promise<void> {
    const database = await createTestDatabase();
    try {
      this.running = { nest: await launch({ ...database.env, ...env }, beforeReady), database, env, beforeReady };
    } catch (error) {
      await database.drop();
      throw error;
    }
  }

  /**
   * Stops the app and starts it again on the same database, as a deployment restarts: its start-up
   * runs the migrations still pending. With the same JWT secret, so that the tests' tokens still hold.
   */
  async restart(): Promise<void> {
    const running = this.running;
    if (!running) throw new Error('The app is not running: there is nothing to restart');
    if (running.database.env.TANDEM_DATA_DIR === IN_MEMORY) throw new Error('An in-memory database does not outlive its app: there is nothing to restart on');
    const env = { ...running.env, JWT_SECRET: running.nest.get(AppConfig).jwtSecret };
    this.running = undefined;
    try {
      await running.nest.close();
      this.running = { ...running, nest: await launch({ ...running.database.env, ...env }, running.beforeReady), env };
    } catch (error) {
      await running.database.drop();
      throw error;
    }
  }

  get app(): NestFastifyApplication {
    if (!this.running) throw new Error('The app is not running: use it in a test or a hook, after the harness started it');
    return this.running.nest;
  }

  /** Shows every later GraphQL response, parsed and as sent, to `observer` (see support/leaks.ts). */
  observe(observer: (response: GraphQLResponse, body: string) => void): void {
    this.observers.push(observer);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async graphql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, options: GraphQLRequestOptions = {}): Promise<GraphQLResponse<T>> {
    const response = await this.app.getHttpAdapter().getInstance().inject(graphqlRequest(query, variables, options));
    const body = JSON.parse(response.body);
    const result: GraphQLResponse<T> = { status: response.statusCode, data: body.data ?? null, errors: body.errors };
    for (const observer of this.observers) observer(result as GraphQLResponse, response.body);
    return result;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers });
  }

  /** Stops the app and drops its database; nothing to do when it is not running. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    try {
      await running.nest.close();
    } finally {
      await running.database.drop();
    }
  }
}

export interface AppOptions {
  /** This file's settings (FETCH_ALLOW_HOSTS...); a function when they depend on something started first. */
  env?: Record<string, string> | (() => Record<string, string>);
  /** Adds routes before Fastify seals them. */
  beforeReady?: (app: NestFastifyApplication) => void;
  /** Builds the shared world of support/world.ts before the first test. */
  world?: boolean;
}

/** What the body of a `describeApp` uses: usable in its tests and hooks, once the app is started. */
export interface AppContext {
  app: TestApp;
}

export interface WorldContext extends AppContext {
  world: World;
}

type ContextOf<O extends AppOptions> = O extends { world: true } ? WorldContext : AppContext;
function describeAppWith(mode: 'run' | 'skip') {
  function describeApp(name: string, body: (context: AppContext) => void): void;
  function describeApp<const O extends AppOptions>(name: string, options: O, body: (context: ContextOf<O>) => void): void;
  function describeApp(name: string, ...args: [(context: WorldContext) => void] | [AppOptions, (context: WorldContext) => void]): void {
    const [options, body] = args.length === 1 ? [{}, args[0]] : args;
    const app = new TestApp();
    // Filled in before the first test; the body reads it in its tests and hooks only.
    const world = {} as World;
    const problems = watchResponses(app);
    // Jest's globals are read here, not at import: the benchmarks import this file outside Jest.
    (mode === 'skip' ? describe.skip : describe)(name, () => {
      beforeAll(async () => {
        await app.open(typeof options.env === 'function' ? options.env() : options.env, options.beforeReady);
        if (options.world) Object.assign(world, await createWorld(app));
      }, APP_HOOK_TIMEOUT_MS);
      body({ app, world });
      afterAll(async () => {
        await app.stop();
        // Each problem names the response: an error without a public code, or what looked internal.
        expect(problems).toEqual([]);
      }, APP_HOOK_TIMEOUT_MS);
    });
  }
  return describeApp;
}

/**
 * One test file's app: started once before its tests (on a copy of the run's migrated database),
 * stopped after them. Every GraphQL response it gives is checked: an error without a public code,
 * or anything internal (SQL, a stack, a path), fails the file at the end.
 */
export const describeApp = Object.assign(describeAppWith('run'), {
  /** A describeApp whose tests are skipped (a service it needs is not there). */
  skip: describeAppWith('skip'),
});

/**
 * A test that holds two transactions open at once (one beside the app's): it needs the PostgreSQL
 * server, since the embedded database runs one at a time.
 */
export function onServer(name: string, test: () => Promise<void>): void {
  (process.env.DATABASE_URL ? it : it.skip)(name, test);
}

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function ok<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`Expected success, got: ${JSON.stringify(response.errors, null, 2)}`);
  }
  return response.data;
}

/** The single error of a refused operation, checked for its code. */
export function refused(response: GraphQLResponse, code: string) {
  expect(response.errors?.map((error) => error.extensions.code)).toEqual([code]);
  return response.errors![0];
}
