import { Inject, Injectable, Optional } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ExpiringMap } from '../common/expiring-map';
import { Actor, GraphQLContext } from '../common/request-context';
import { API_TOKEN_PREFIX, API_TOKEN_VERIFIER, ApiTokenVerifier } from './api-tokens';
import { AccessTokenClaims, AuthService } from './auth.service';

type Request = GraphQLContext['req'];

/** Tokens whose signature was verified, kept until they expire: a client sends one token for 15 minutes. */
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Who is calling: the bearer token verified and its session checked, each once per request, however
 * many root fields, aliases or limits ask (the query budget before execution, the guard of each
 * root field during it).
 */
@Injectable()
export class Authenticator {
  private readonly claims = new WeakMap<Request, AccessTokenClaims | null>();
  private readonly callers = new WeakMap<Request, Promise<Actor | null>>();
  /** Verifying a signature is the same computation for the same token: done once per token, its expiry checked each time. */
  private readonly verified = new ExpiringMap<string, AccessTokenClaims>(MAX_VERIFIED_TOKENS);

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
    const known = this.verified.get(token);
    if (known) return known;
    try {
      // Every token this server signs expires (expiresIn): jsonwebtoken has checked `exp` here.
      const claims = this.jwt.verify<AccessTokenClaims & { exp: number }>(token);
      this.verified.set(token, claims, claims.exp * 1000);
      return claims;
    } catch {
      return null;
    }
  }
}
