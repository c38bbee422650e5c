import { TypeMetadataStorage } from '@nestjs/graphql';
import { MercuriusDriverConfig } from '@nestjs/mercurius';
import { Logger, Type } from '@nestjs/common';
import { DocumentNode, GraphQLError, GraphQLFieldResolver, GraphQLSchema, isInterfaceType, isObjectType, Location, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate } from 'graphql';
import type { Authenticator } from '../auth';
import { AppConfig } from '../config/config';
import { requestErrorStatus, toPublicError } from '../common/graphql-errors';
import { acceptedLanguage, MessageLanguage } from '../common/messages';
import { GraphQLContext } from '../common/request-context';
import { projectedValue, projectionOf } from '../common/projection';
import { noteGraphqlOutcome } from '../metrics/request-metrics';
import { DateTimeScalar } from './date-time.scalar';
import { queryDepthLimit } from './query-depth';
import { withPlainListsCounted } from './plain-lists';
import { operationRequested, queryLimits, requestedOperation } from './query-limits';
import { variablesChecked } from './variables-check';

const logger = new Logger('GraphQL');

/** How deep the fields of a query may nest (`{ me { id } }` is 2). */
const MAX_QUERY_DEPTH = 12;

/**
 * The language of error messages: the signed-in caller's preferredLanguage (a claim of the access
 * token, so no SQL), else the request's Accept-Language, else English.
 */
function callerLanguage(authenticator: Authenticator, request: Parameters<Authenticator['claimsOf']>[0]): MessageLanguage {
  return authenticator.claimsOf(request)?.lang ?? acceptedLanguage(request.headers['accept-language']) ?? 'en';
}

/** How the schema is built from the code, whatever the driver: a `Date` is an instant written with its offset. */
export const buildSchemaOptions = { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] };

/** Mercurius on Fastify with graphql-jit; every error leaves as the API promises it. */
export function graphqlOptions(config: AppConfig, authenticator: Authenticator): MercuriusDriverConfig {
  const exposeInternals = config.exposesInternals;
  // In production the schema is not handed to strangers: no introspection (unless asked for) and
  // no "Did you mean …?" guesses at field and type names in validation messages.
  const hideSchema = config.isProduction;
  // Deeply nested queries are refused before they run: no legitimate client needs more.
  const validationRules = [queryDepthLimit(MAX_QUERY_DEPTH), ...(hideSchema && !config.GRAPHQL_INTROSPECTION ? [NoSchemaIntrospectionCustomRule] : [])];
  return {
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions,
    // Mercurius' GraphiQL loads its scripts from a CDN: GraphiqlController serves one from node_modules.
    graphiql: false,
    jit: 1,
    transformSchema: schemaTransform(config),
    validationRules,
    context: (request) => ({ req: request }),
    hooks: {
      // Mercurius falls back to reading a query that fails to parse as a JSON-encoded syntax tree;
      // the API takes GraphQL text only, and a forged tree would reach validation unchecked.
      preValidation: async (_schema, document) => {
        if (!(document?.loc instanceof Location)) throw new GraphQLError('The query must be GraphQL text');
      },
      // Mercurius reads a GET's operation for its no-mutations check before any other hook, and fails
      // on one it cannot tell: refused first, as every request's is (requestedOperation).
      preParsing: async (_schema, source, context) => {
        if (context.reply.request.method !== 'GET') return;
        let document: DocumentNode;
        try {
          document = parse(source);
        } catch {
          return; // Mercurius answers a syntax error itself
        }
        requestedOperation(document, context);
      },
      preExecution: [operationRequested, variablesChecked, queryLimits(config, authenticator)],
      // Mercurius validates the document of a query, not that of a subscription, which would start
      // with fields the schema does not have; its cost is measured when it starts (SubscriptionWithinLimits).
      preSubscriptionExecution: async (schema, document, context) => {
        const [refused] = validate(schema, document, [...specifiedRules, ...validationRules]);
        const request = (context as typeof context & GraphQLContext).req;
        if (refused) throw toPublicError(refused, exposeInternals, hideSchema, callerLanguage(authenticator, request));
      },
    },
    errorFormatter: (execution, context) => {
      const errors = execution.errors.flatMap((error): GraphQLError[] => {
        // Mercurius gathers query-validation failures under one error.
        const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
        return Array.isArray(nested) ? (nested as GraphQLError[]) : [error];
      });
      const language = callerLanguage(authenticator, context.reply.request);
      const formatted = errors.map((error) => {
        const publicError = toPublicError(error, exposeInternals, hideSchema, language);
        if (publicError.extensions.code === 'INTERNAL_SERVER_ERROR') logger.error(error.originalError ?? error);
        return publicError;
      });
      if (formatted.length) noteGraphqlOutcome(context.reply.request, String(formatted[0].extensions.code));
      // A request Fastify refused before GraphQL ran keeps its HTTP status (413, 400, 415).
      // SERVICE_UNAVAILABLE (the database away or too slow) is a 503 that says when to retry.
      const unavailable = formatted.find((error) => error.extensions.code === 'SERVICE_UNAVAILABLE');
      if (unavailable) context.reply.header('retry-after', String(unavailable.extensions.retryAfterSeconds));
      // Mercurius gathers a body its route's schema refused under one error too: the gathered error is Fastify's own.
      const statusCode = (errors.length === 1 && requestErrorStatus(errors[0].originalError ?? errors[0])) || (unavailable ? 503 : 200);
      return { statusCode, response: { data: execution.data ?? null, errors: formatted.map((e) => e.toJSON()) } };
    },
  };
}

/**
 * Removes the resolver @nestjs/graphql gives every plain @Field where it only reads the property of
 * the field's name (no default value, no middleware): graphql-jit then reads the property inline
 * instead of calling a function per field and object. graphql-jit awaits no inline value, so a
 * property declared as a Promise (e.g. a connection's totalCount getter) keeps its resolver. Which
 * resolvers qualify is found by asking each what it reads of an empty object, so a renamed property
 * or a default value keeps its resolver too.
 */
export function withPlainFieldsRead(schema: GraphQLSchema): GraphQLSchema {
  const classes = classesOfTypes();
  for (const type of Object.values(schema.getTypeMap())) {
    const target = classes.get(type.name);
    if (!target || (!isObjectType(type) && !isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const declared: unknown = Reflect.getMetadata('design:type', target.prototype, field.name);
      if (field.resolve?.name === 'rootFieldResolver' && declared && declared !== Promise && readsOnly(field.resolve, field.name)) field.resolve = undefined;
    }
  }
  return schema;
}
/**
 * Gives each relation field of a projected type (common/projection) the value its object's SQL
 * projection computed, when it did, before calling the field's resolver: a page of 50 articles
 * projects five relations of each, 250 resolver calls through Nest that would only hand it back.
 * The resolver still runs whenever the object was not read by a projection.
 */
export function withProjectedFieldsRead(schema: GraphQLSchema): GraphQLSchema {
  const classes = classesOfTypes();
  for (const type of Object.values(schema.getTypeMap())) {
    const target = classes.get(type.name);
    if (!target || !isObjectType(type)) continue;
    const relations = projectionOf(target as Type<unknown>)?.relations;
    if (!relations) continue;
    for (const name of Object.keys(relations)) {
      const field = type.getFields()[name];
      const resolve = field?.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context, info) => {
        const projected = projectedValue(source, info);
        return projected === undefined ? resolve(source, args, context, info) : projected;
      };
    }
  }
  return schema;
}

/**
 * The schema as served: plain fields read inline, projected relations read from their projection,
 * the objects of plain lists held to GRAPHQL_MAX_COST.
 */
export const schemaTransform =
  (config: AppConfig) =>
  (schema: GraphQLSchema): GraphQLSchema =>
    withPlainListsCounted(withProjectedFieldsRead(withPlainFieldsRead(schema)), config.GRAPHQL_MAX_COST);

/** The class of each object and interface type, by type name (a type and its class share a name). */
function classesOfTypes(): Map<string, Function> {
  return new Map<string, Function>(
    [...TypeMetadataStorage.getObjectTypesMetadata(), ...TypeMetadataStorage.getInterfacesMetadata()].map((type) => [type.name, type.target]),
  );
}

/** Whether `resolve` reads nothing but the property `name` of its source and gives undefined when it is absent. */
function readsOnly(resolve: GraphQLFieldResolver<unknown, unknown>, name: string): boolean {
  const read: PropertyKey[] = [];
  const probe = new Proxy({}, { get: (_, property) => void read.push(property) });
  return resolve(probe, {}, undefined, undefined as never) === undefined && read.length === 1 && read[0] === name;
}
