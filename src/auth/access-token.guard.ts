import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { UnauthenticatedError } from '../common/errors';
import { Actor, requestOf } from '../common/request-context';

const PUBLIC = 'tandem:public';

/** Marks an operation that needs no access token (register, login, refresh). */
export const Public = () => SetMetadata(PUBLIC, true);

/**
 * Every operation needs a valid access token unless marked @Public(). Registered globally,
 * so a new resolver is protected by default.
 */
@Injectable()
export class AccessTokenGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override getRequest(context: ExecutionContext) {
    return requestOf(context);
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T = Actor>(error: unknown, actor: T | false): T {
    if (error || !actor) throw new UnauthenticatedError('A valid access token is required');
    return actor;
  }
}
