import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { GqlArgumentsHost } from '@nestjs/graphql';
import { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { AppError } from '../common/errors';
import { toPublicError } from '../common/graphql-errors';
import { MessageLanguage } from '../common/messages';
import { GraphQLContext } from '../common/request-context';
import { LiveConnections } from './live-connections';

/**
 * A refusal as the API promises it (extensions.code, the caller's language), for what reaches the
 * client over WebSocket: Mercurius sends a subscription's errors as they are, without the error
 * formatter of HTTP requests.
 */
export function publicError(error: AppError, language: MessageLanguage, path: readonly string[] = []): GraphQLError {
  return toPublicError(new GraphQLError(error.message, { originalError: error, path }), false, false, language);
}

/** The refusals of starting a subscription (NOT_FOUND, BAD_USER_INPUT, PRECONDITION_FAILED…), formatted by `publicError`. */
@Catch(AppError)
export class LiveErrorFilter implements ExceptionFilter {
  constructor(private readonly connections: LiveConnections) {}

  catch(error: AppError, host: ArgumentsHost): GraphQLError {
    const graphql = GqlArgumentsHost.create(host);
    const request = graphql.getContext<GraphQLContext>().req;
    const language = this.connections.languageOf(request);
    return publicError(error, language, [graphql.getInfo<GraphQLResolveInfo>().fieldName]);
  }
}
