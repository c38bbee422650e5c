import { Inject, Injectable, Optional } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Actor, GraphQLContext } from '../common/request-context';
import { API_TOKEN_PREFIX, API_TOKEN_VERIFIER, ApiTokenVerifier } from './api-tokens';
import { AccessTokenClaims, AuthService } from './auth.service';

type Request = GraphQLContext['req'];

/**
 * Who is calling: the bearer token verified and its session checked, each once per request, however
 * many root fields, aliases or limits ask (the query budget before execution, the guard of each
 * root field during it).
 */
@Injectable()
export class Authenticator {
  private readonly claims = new WeakMap<Request, AccessTokenClaims | null>();
  private readonly callers = new WeakMap<Request, Promise<Actor | null>>();

  constructor(
    private readonly jwt: JwtService,
    private readonly auth: AuthService,
    @Optional() @Inject(API_TOKEN_VERIFIER) private readonly apiTokens?: ApiTokenVerifier,
  ) {}

  /**
   * The claims of the request's bearer token when its signature and expiry hold, or null; the
   * session is not checked (no SQL): enough to know whose query budget a request spends, since
   * only this server signs tokens.
   */
  claimsOf(request: Request): AccessTokenClaims | null {
    let claims = this.claims.get(request);
    if (claims === undefined) {
      claims = this.verify(request);
      this.claims.set(request, claims);
    }
    return claims;
  }

  /** The caller of `request`, or null for no token, a bad or expired one, or a closed session. */
  callerOf(request: Request): Promise<Actor | null> {
    let caller = this.callers.get(request);
    if (!caller) {
      const apiToken = this.apiTokenOf(request);
      const claims = apiToken ? null : this.claimsOf(request);
      caller = apiToken && this.apiTokens ? this.apiTokens.actorFor(apiToken) : claims ? this.auth.actorFor(claims) : Promise.resolve(null);
      this.callers.set(request, caller);
    }
    return caller;
  }

  /** An integration's API token (`Bearer tdm_…`): checked by the integrations module, never as a JWT. */
  private apiTokenOf(request: Request): string | null {
    const [scheme, token] = request.headers.authorization?.split(' ') ?? [];
    return scheme?.toLowerCase() === 'bearer' && token?.startsWith(API_TOKEN_PREFIX) ? token : null;
  }

  private verify(request: Request): AccessTokenClaims | null {
    const [scheme, token] = request.headers.authorization?.split(' ') ?? [];
    if (scheme?.toLowerCase() !== 'bearer' || !token) return null;
    try {
      return this.jwt.verify<AccessTokenClaims>(token);
    } catch {
      return null;
    }
  }
}
