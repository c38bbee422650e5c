import { SetMetadata } from '@nestjs/common';
import { registerEnumType } from '@nestjs/graphql';
import { ForbiddenError } from '../common/errors';
import { Actor, ApiTokenGrant } from '../common/request-context';

/** How an integration's bearer token is told apart from a person's access token (a JWT never starts so). */
export const API_TOKEN_PREFIX = 'tdm_';

/** What an API token may be allowed to do; each operation that accepts tokens names one (@AcceptsApiToken). */
export enum ApiTokenScope {
  SOURCES_READ = 'sources:read',
  SOURCES_IMPORT_OPML = 'sources:import_opml',
}
registerEnumType(ApiTokenScope, { name: 'ApiTokenScope' });

/** The integrations module's answer to "who holds this API token?", injected here so auth knows nothing of its tables. */
export interface ApiTokenVerifier {
  /** The actor the token stands for, or null when it is unknown, revoked, expired, or its creator is no longer an admin. */
  actorFor(secret: string): Promise<Actor | null>;
}
export const API_TOKEN_VERIFIER = Symbol('ApiTokenVerifier');

/** The metadata @AcceptsApiToken sets, read by the guard. */
export const ACCEPTS_API_TOKEN = 'tandem:accepts-api-token';

/**
 * Marks an operation that an API token holding `scope` may call, for its own organization (the
 * operation's `organizationId`, as an argument or in its input). Every other operation refuses tokens.
 */
export const AcceptsApiToken = (scope: ApiTokenScope) => SetMetadata(ACCEPTS_API_TOKEN, scope);

/** The guard's check of a token's call: the operation accepts tokens, with a scope the token holds, for the token's organization. */
export function assertApiTokenMay(grant: ApiTokenGrant, accepted: ApiTokenScope | undefined, args: Record<string, unknown>): void {
  if (!accepted) throw new ForbiddenError('API tokens may not call this operation');
  if (!grant.scopes.includes(accepted)) throw new ForbiddenError(`The API token lacks the scope ${accepted}`);
  const input = args.input as Record<string, unknown> | undefined;
  if ((args.organizationId ?? input?.organizationId) !== grant.organizationId) throw new ForbiddenError('An API token acts only for its own organization: name it');
}
