import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { FastifyRequest } from 'fastify';
import { GraphQLResolveInfo } from 'graphql';
import { ForbiddenError } from './errors';
import type { RequestLoaders } from './loaders';

/** Who is calling, as the access-token strategy established it. */
export interface Actor {
  userId: string;
  sessionId: string;
  /** Whether the session passed the second factor (verifyMfa, or confirming enrolment); never for an API token. */
  secondFactor?: boolean;
  /** Set when an integration calls with an API token: it acts as its creator, for its organization, within its scopes. */
  apiToken?: ApiTokenGrant;
}

/** What an API token allows: its organization and scopes (the guard holds each call to them). */
export interface ApiTokenGrant {
  id: string;
  organizationId: string;
  scopes: readonly string[];
}

/**
 * The loaders of a query operation's caller: through them a service asks once per request (and in
 * one statement for what is asked in the same tick) what root fields, aliases and nested fields ask
 * again and again about the caller, such as its access to a workspace. They hang off the Actor, which
 * the Authenticator makes for each request, so they end with it. Only a query has them: the root
 * fields of a mutation run one after the other and each must see what the previous one changed (its
 * caller removed from the workspace), so a mutation asks afresh each time. A WebSocket carries only
 * subscriptions, which decide per event (src/realtime); background work builds its own actors.
 */
const queryLoaders = new WeakMap<Pick<Actor, 'userId'>, RequestLoaders>();

/** Makes `loaders`, the request's, those of its caller for the rest of a query operation. */
export function answerOncePerQuery(actor: Actor, loaders: RequestLoaders): void {
  queryLoaders.set(actor, loaders);
}

/** The loaders of the query operation `actor` is the caller of (see answerOncePerQuery), or undefined. */
export function queryLoadersOf(actor: Pick<Actor, 'userId'>): RequestLoaders | undefined {
  return queryLoaders.get(actor);
}

export interface GraphQLContext {
  req: FastifyRequest & { user?: Actor };
}

export function requestOf(context: ExecutionContext): GraphQLContext['req'] {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext<GraphQLContext>().req;
  return context.switchToHttp().getRequest();
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * The authenticated caller of a resolver; guarded resolvers always have one. An API token's
 * scope covers the operation the guard let through (a root field), not what its creator could
 * reach from there: a nested field that decides by who is calling refuses it.
 */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor | undefined => {
  const actor = requestOf(context).user;
  if (actor?.apiToken && context.getType<string>() === 'graphql') {
    const parentType = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>().parentType.name;
    if (!ROOT_TYPES.has(parentType)) throw new ForbiddenError('An API token reads only what its operation returns');
  }
  return actor;
});

/** The address a request came from, for rate limits and audit. */
export const ClientAddress = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  return requestOf(context).ip;
});

/**
 * Where links handed out by this server point: PUBLIC_URL, or else (outside production, which
 * requires it) the request's own scheme and host.
 */
export function publicBaseUrl(publicUrl: string | undefined, request: FastifyRequest): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}
