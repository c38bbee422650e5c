import { MercuriusDriverConfig } from '@nestjs/mercurius';
import { Logger } from '@nestjs/common';
import { GraphQLError, Location, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Authenticator } from '../auth';
import { AppConfig } from '../config/config';
import { requestErrorStatus, toPublicError } from '../common/graphql-errors';
import { queryLimits } from './query-limits';

const logger = new Logger('GraphQL');

/** Mercurius on Fastify with graphql-jit; every error leaves as the API promises it. */
export function graphqlOptions(config: AppConfig, authenticator: Authenticator): MercuriusDriverConfig {
  const exposeInternals = config.NODE_ENV === 'development';
  // In production the schema is not handed to strangers: no introspection (unless asked for) and
  // no "Did you mean …?" guesses at field and type names in validation messages.
  const hideSchema = config.isProduction;
  return {
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: !config.isProduction,
    jit: 1,
    // Deeply nested queries are refused before they run: no legitimate client needs more.
    queryDepth: 12,
    validationRules: hideSchema && !config.GRAPHQL_INTROSPECTION ? [NoSchemaIntrospectionCustomRule] : [],
    context: (request) => ({ req: request }),
    hooks: {
      // Mercurius falls back to reading a query that fails to parse as a JSON-encoded syntax tree;
      // the API takes GraphQL text only, and a forged tree would reach validation unchecked.
      preValidation: async (_schema, document) => {
        if (!(document?.loc instanceof Location)) throw new GraphQLError('The query must be GraphQL text');
      },
      preExecution: queryLimits(config, authenticator),
    },
    errorFormatter: (execution, context) => {
      const errors = execution.errors.flatMap((error): GraphQLError[] => {
        // Mercurius gathers query-validation failures under one error.
        const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
        return Array.isArray(nested) ? (nested as GraphQLError[]) : [error];
      });
      const formatted = errors.map((error) => {
        const publicError = toPublicError(error, exposeInternals, hideSchema);
        if (publicError.extensions.code === 'INTERNAL_SERVER_ERROR') logger.error(error.originalError ?? error);
        return publicError;
      });
      // A request Fastify refused before GraphQL ran keeps its HTTP status (413, 400, 415).
      // SERVICE_UNAVAILABLE (the database away or too slow) is a 503 that says when to retry.
      const unavailable = formatted.find((error) => error.extensions.code === 'SERVICE_UNAVAILABLE');
      if (unavailable) context.reply.header('retry-after', String(unavailable.extensions.retryAfterSeconds));
      const statusCode = (errors.length === 1 && requestErrorStatus(errors[0].originalError)) || (unavailable ? 503 : 200);
      return { statusCode, response: { data: execution.data ?? null, errors: formatted.map((e) => e.toJSON()) } };
    },
  };
}
