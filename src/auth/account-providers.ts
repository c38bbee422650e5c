import { AccountMail } from './account-mail';
import { AccountMailThrottle } from './account-mail-throttle';
import { AccountResolver } from './account.resolver';
import { AccountTokenStore } from './account-token.store';
import { AttemptThrottle } from './attempt-throttle';
import { EmailVerificationService } from './email-verification.service';
import { PasswordResetService } from './password-reset.service';
import { RegistrationService } from './registration.service';

/** The account flows that go by e-mail (registration, verified addresses, password reset), part of AuthModule. */
export const ACCOUNT_PROVIDERS = [
  AccountTokenStore,
  AttemptThrottle,
  AccountMailThrottle,
  AccountMail,
  RegistrationService,
  EmailVerificationService,
  PasswordResetService,
  AccountResolver,
];
