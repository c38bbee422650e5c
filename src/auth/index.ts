/** What other modules may use of the auth module: people, and the guard's opt-out. */
export { Public } from './access-token.guard';
export { AuthService } from './auth.service';
export { Authenticator } from './authenticator';
export { User } from './user.entity';
export { userLoader } from './user.loaders';
export { UsersService } from './users.service';
