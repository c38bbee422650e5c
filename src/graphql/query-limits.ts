import { DocumentNode, getOperationAST, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { MercuriusContext } from 'mercurius';
import type { Authenticator } from '../auth';
import { QueryTooComplexError, RateLimitedError } from '../common/errors';
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

type OperationRequest = { body?: { operationName?: unknown }; query?: { operationName?: unknown } };

/** The operation of `document` the request names (operationName, in the body or the query string), or its only one. */
export function requestedOperation(document: DocumentNode, context: MercuriusContext): OperationDefinitionNode | null {
  // graphqlOptions' context function puts the request in every context.
  const request = (context as MercuriusContext & GraphQLContext).req as GraphQLContext['req'] & OperationRequest;
  const operationName = request.body?.operationName ?? request.query?.operationName;
  return getOperationAST(document, typeof operationName === 'string' ? operationName : undefined) ?? null;
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
    if (!operation) return;
    const { cost, aliases } = queryCost(schema, document, operation, variables);
    if (aliases > config.GRAPHQL_MAX_ALIASES) {
      throw new QueryTooComplexError(`The query has ${aliases} aliases; at most ${config.GRAPHQL_MAX_ALIASES} are allowed`, {
        aliases,
        cost,
        limit: config.GRAPHQL_MAX_ALIASES,
      });
    }
    if (cost > config.GRAPHQL_MAX_COST) {
      throw new QueryTooComplexError(`The query costs ${cost}; at most ${config.GRAPHQL_MAX_COST} is allowed`, {
        cost,
        limit: config.GRAPHQL_MAX_COST,
      });
    }
    // Whose budget: the token's user (a new session shares it), else the client address. An
    // invalid token spends the address's budget; the guard refuses it where it matters.
    const claims = authenticator.claimsOf(request);
    const holder = claims && typeof claims.sub === 'string' ? `user:${claims.sub}` : `address:${request.ip}`;
    const state = budget.spend(holder, cost);
    if (!state) {
      throw new RateLimitedError(budget.secondsUntilReset(holder), 'The hourly query budget is spent; try again later');
    }
    context.rateLimit = { ...state, cost };
  };
}
