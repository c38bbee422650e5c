import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { FastifyRequest } from 'fastify';

/** Who is calling, as the access-token strategy established it. */
export interface Actor {
  userId: string;
  sessionId: string;
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

/** The authenticated caller of a resolver; guarded resolvers always have one. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor | undefined => {
  return requestOf(context).user;
});

/** The address a request came from, for rate limits and audit. */
export const ClientAddress = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  return requestOf(context).ip;
});

/** Where links handed out by this server point: PUBLIC_URL, or else the request's own scheme and host. */
export function publicBaseUrl(publicUrl: string | undefined, request: FastifyRequest): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}
