/** What other modules may use of the auth module: people, and the guard's opt-out. */
export { Public } from './access-token.guard';
export { AccountMailThrottle } from './account-mail-throttle';
export { AcceptsApiToken, API_TOKEN_PREFIX, API_TOKEN_VERIFIER, ApiTokenScope, ApiTokenVerifier } from './api-tokens';
export { AuthService } from './auth.service';
export { Authenticator } from './authenticator';
export { EmailVerificationService } from './email-verification.service';
export { RegistrationService } from './registration.service';
export { MfaEnrolmentService } from './mfa/mfa-enrolment.service';
export { MfaRequiredError } from './mfa/mfa-required.error';
export { User } from './user.entity';
export { userLoader } from './user.loaders';
export { UsersService } from './users.service';
