import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { UnauthenticatedError } from '../common/errors';
import { loadersOf } from '../common/loaders';
import { answerOncePerQuery, requestOf } from '../common/request-context';
import { ACCEPTS_API_TOKEN, ApiTokenScope, assertApiTokenMay } from './api-tokens';
import { Authenticator } from './authenticator';

const PUBLIC = 'tandem:public';

/** Marks an operation that needs no access token (register, login, refresh). */
export const Public = () => SetMetadata(PUBLIC, true);

/**
 * Every operation needs a valid access token unless marked @Public(). Registered globally,
 * so a new resolver is protected by default.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = requestOf(context);
    // An error here is the server failing to check the session (the database down), which the
    // error formatter answers as such, never as UNAUTHENTICATED.
    const actor = await this.authenticator.callerOf(request);
    if (!actor) throw new UnauthenticatedError('A valid access token is required');
    if (actor.apiToken) {
      const accepted = this.reflector.get<ApiTokenScope | undefined>(ACCEPTS_API_TOKEN, context.getHandler());
      assertApiTokenMay(actor.apiToken, accepted, context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context).getArgs() : {});
    }
    request.user = actor;
    if (isQuery(context)) answerOncePerQuery(actor, loadersOf(request));
    return true;
  }
}

/** Whether `context` is a root field of a GraphQL query operation (see answerOncePerQuery). */
function isQuery(context: ExecutionContext): boolean {
  return context.getType<string>() === 'graphql' && GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>().operation.operation === 'query';
}
