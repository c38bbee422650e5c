import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config';
import { createTestDatabase, TestDatabase } from './database';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data: T | null;
  errors?: { message: string; path?: string[]; extensions: Record<string, any> }[];
}

/** A running Tandem on a clean database, driven through its public HTTP endpoints. */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    private readonly database: TestDatabase,
  ) {}

  /** `beforeReady` may add routes (benchmarks add their reference routes) before Fastify seals them. */
  static async start(env: Record<string, string> = {}, beforeReady?: (app: NestFastifyApplication) => void): Promise<TestApp> {
    const database = await createTestDatabase();
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      TANDEM_DATA_DIR: 'memory://',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      ...env,
    });
    const app = await createApp(config);
    beforeReady?.(app);
    await app.getHttpAdapter().getInstance().ready();
    return new TestApp(app, database);
  }

  private readonly observers: ((response: GraphQLResponse, body: string) => void)[] = [];

  /** Shows every later GraphQL response, parsed and as sent, to `observer` (see support/leaks.ts). */
  observe(observer: (response: GraphQLResponse, body: string) => void): void {
    this.observers.push(observer);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async graphql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { token?: string; headers?: Record<string, string> } = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await this.app.getHttpAdapter().getInstance().inject({
      method: 'POST',
      url: '/graphql',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      payload: JSON.stringify({ query, variables }),
    });
    const body = JSON.parse(response.body);
    const result: GraphQLResponse<T> = { status: response.statusCode, data: body.data ?? null, errors: body.errors };
    for (const observer of this.observers) observer(result as GraphQLResponse, response.body);
    return result;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers });
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.database.drop();
  }
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
