import { DocumentNode, getOperationAST, GraphQLSchema, Kind, OperationDefinitionNode } from 'graphql';
import { MercuriusContext } from 'mercurius';
import type { Authenticator } from '../auth';
import { networkOf } from '../common/client-network';
import { BadUserInputError, QueryTooComplexError, RateLimitedError } from '../common/errors';
import { GraphQLContext } from '../common/request-context';
import { AppConfig } from '../config/config';
import { BudgetState, QueryBudget } from './query-budget';
import { queryCost } from './query-cost';

/** What `rateLimit` answers: the cost of this query and what is left of the caller's hour. */
export interface RateLimitState extends BudgetState {
  cost: number;
}

/** The GraphQL context once the limits have let a query through. */
export interface LimitedContext extends GraphQLContext {
  rateLimit?: RateLimitState;
}

type OperationRequest = GraphQLContext['req'] & { body?: { operationName?: unknown }; query?: { operationName?: unknown } };

/**
 * The operation of `document` the request runs: the one its operationName names, or its only one.
 * The name is read where Mercurius reads it for execution, the body of a POST or the query string
 * of a GET, so that what the limits measure is what runs. A name that is not one of the
 * document's operations, or none when it has several, is refused: measuring nothing would let
 * anything run.
 */
export function requestedOperation(document: DocumentNode, context: MercuriusContext): OperationDefinitionNode {
  // graphqlOptions' context function puts the request in every context.
  const request = (context as MercuriusContext & GraphQLContext).req as OperationRequest;
  return operationNamed(document, (request.method === 'GET' ? request.query : request.body)?.operationName);
}

/** The operation of `document` that `name` (an operationName as sent) names, or its only one when none: else BAD_USER_INPUT naming operationName. */
export function operationNamed(document: DocumentNode, name: unknown): OperationDefinitionNode {
  const operation = typeof name === 'string' || name == null ? getOperationAST(document, name) : null;
  if (operation) return operation;
  throw BadUserInputError.field(
    'operationName',
    name == null ? 'must name the operation to run: the query has several' : 'must name one of the operations of the query',
  );
}

/**
 * A Mercurius preExecution hook, the first: refuses a request whose operation cannot be told
 * (requestedOperation), and gives a document of several operations to the executor as the one
 * requested with its fragments. Mercurius compiles a document with graphql-jit for the operation
 * of the request that compiles it, then runs that compiled operation for every later request of
 * the same text, whatever operation they name; a document changed by a hook is never compiled.
 */
export function operationRequested(_schema: GraphQLSchema, document: DocumentNode, context: MercuriusContext): { document: DocumentNode } | undefined {
  const operation = requestedOperation(document, context);
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length === 1) return undefined;
  return { document: { ...document, definitions: document.definitions.filter((definition) => definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION) } };
}

/**
 * A Mercurius preExecution hook: measures the operation (see query-cost.ts) and refuses it with
 * QUERY_TOO_COMPLEX past GRAPHQL_MAX_COST or GRAPHQL_MAX_ALIASES, or with RATE_LIMITED once the
 * caller's GRAPHQL_HOURLY_BUDGET is spent — before any resolver runs.
 */
export function queryLimits(config: AppConfig, authenticator: Authenticator) {
  const budget = new QueryBudget(config.GRAPHQL_HOURLY_BUDGET);
  return async (schema: GraphQLSchema, document: DocumentNode, mercuriusContext: MercuriusContext, variables: Record<string, unknown>) => {
    // graphqlOptions' context function puts the request in every context.
    const context = mercuriusContext as MercuriusContext & LimitedContext;
    const request = context.req as GraphQLContext['req'];
    const operation = requestedOperation(document, context);
    const cost = withinLimits(config, schema, document, operation, variables);
    const holder = await budgetHolder(authenticator, request);
    const state = budget.spend(holder, cost);
    if (!state) {
      throw new RateLimitedError(budget.secondsUntilReset(holder), 'The hourly query budget is spent; try again later');
    }
    context.rateLimit = { ...state, cost };
  };
}

/**
 * The cost of `operation` (see query-cost.ts), or QUERY_TOO_COMPLEX past GRAPHQL_MAX_ALIASES or
 * GRAPHQL_MAX_COST: for queries and mutations before they run, for a subscription before it starts.
 */
export function withinLimits(
  config: Pick<AppConfig, 'GRAPHQL_MAX_ALIASES' | 'GRAPHQL_MAX_COST'>,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): number {
  const { cost, aliases } = queryCost(schema, document, operation, variables);
  if (aliases > config.GRAPHQL_MAX_ALIASES) {
    throw new QueryTooComplexError(`The query has ${aliases} aliases; at most ${config.GRAPHQL_MAX_ALIASES} are allowed`, {
      aliases,
      cost,
      limit: config.GRAPHQL_MAX_ALIASES,
    });
  }
  if (cost > config.GRAPHQL_MAX_COST) {
    throw new QueryTooComplexError(`The query costs ${cost}; at most ${config.GRAPHQL_MAX_COST} is allowed`, { cost, limit: config.GRAPHQL_MAX_COST });
  }
  return cost;
}

/**
 * Whose budget a request spends: the access token's user (a new session shares it), an API
 * token's own (verified as the guard will verify it, once per request), else the client
 * address's network (networkOf). An invalid token spends that budget; the guard refuses it where
 * it matters.
 */
async function budgetHolder(authenticator: Authenticator, request: GraphQLContext['req']): Promise<string> {
  const claims = authenticator.claimsOf(request);
  if (claims && typeof claims.sub === 'string') return `user:${claims.sub}`;
  const apiToken = (await authenticator.callerOf(request))?.apiToken;
  return apiToken ? `api-token:${apiToken.id}` : `address:${networkOf(request.ip)}`;
}
