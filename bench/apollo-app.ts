/**
 * The same AppModule (schema, resolvers, guards, loaders, projection) served by @nestjs/apollo on
 * Express instead of Mercurius on Fastify: the reference the driver choice is measured against.
 * It lives in the benchmarks only; requests are injected as the Fastify app's are (light-my-request).
 */
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ExpressAdapter } from '@nestjs/platform-express';
import { inject } from 'light-my-request';
import { AppModule } from '../src/app.module';
import { buildSchemaOptions, schemaTransform } from '../src/graphql/graphql.options';
import { testConfig } from '../test/support/harness';

export interface ApolloApp {
  graphql(query: string, variables: Record<string, unknown>, token: string): Promise<{ data?: unknown; errors?: unknown[] }>;
  stop(): Promise<void>;
}

/** Starts the Apollo/Express app on a database another app already migrated and seeded (`env` names it). */
export async function startApolloApp(env: Record<string, string>): Promise<ApolloApp> {
  const config = testConfig(env);
  const graphql = GraphQLModule.forRoot<ApolloDriverConfig>({
    driver: ApolloDriver,
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions,
    playground: false,
    // The same schema as the product's, plain fields included.
    transformSchema: schemaTransform(config),
    context: ({ req }: { req: unknown }) => ({ req }),
  });
  const nest: INestApplication = await NestFactory.create(AppModule.forRoot(config, graphql), new ExpressAdapter(), { logger: false, abortOnError: false });
  await nest.init();
  const handler = nest.getHttpAdapter().getInstance();
  return {
    async graphql(query, variables, token) {
      const response = await inject(handler, {
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        payload: JSON.stringify({ query, variables }),
      });
      return JSON.parse(response.body);
    },
    stop: () => nest.close(),
  };
}
