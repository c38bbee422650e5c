import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { FastifyRequest } from 'fastify';
import { GraphQLResolveInfo } from 'graphql';
import { ForbiddenError } from './errors';

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

/** Where links handed out by this server point: PUBLIC_URL, or else the request's own scheme and host. */
export function publicBaseUrl(publicUrl: string | undefined, request: FastifyRequest): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}
