/** What other modules may use of the auth module: people, and the guard's opt-out. */
export { Public } from './access-token.guard';
export { AcceptsApiToken, API_TOKEN_PREFIX, API_TOKEN_VERIFIER, ApiTokenScope, ApiTokenVerifier } from './api-tokens';
export { AuthService } from './auth.service';
export { Authenticator } from './authenticator';
export { User } from './user.entity';
export { userLoader } from './user.loaders';
export { UsersService } from './users.service';
