import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Language } from '../common/localized-text';
import { AccountMail } from './account-mail';
import { AccountMailThrottle } from './account-mail-throttle';
import { RegisterInput } from './dto/auth.inputs';
import { EmailVerificationService } from './email-verification.service';
import { PasswordHasher } from './password-hasher';
import { assertAcceptablePassword } from './password-policy';
import { UsersStore } from './users.store';

/**
 * Creating an account without telling anyone whether an address has one: `register` answers
 * the same, after the same work (a password hashed, one insert tried, one message queued),
 * whether or not the address is taken. A new account gets a link to verify its address; the
 * owner of a taken one gets a "someone tried to register with your address" message instead.
 * Nobody is signed in by registering: returning a session for a new account and none for a
 * taken address would be the very answer that tells. People sign in with `login`.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly users: UsersStore,
    private readonly verification: EmailVerificationService,
    private readonly mail: AccountMail,
    private readonly throttle: AccountMailThrottle,
    private readonly passwords: PasswordHasher,
    private readonly dataSource: DataSource,
  ) {}

  async register(input: RegisterInput, clientAddress: string): Promise<true> {
    assertAcceptablePassword(input.password, input.email);
    await this.throttle.admit(input.email, clientAddress);
    const passwordHash = await this.passwords.hash(input.password);
    await this.dataSource.transaction(async (tx) => {
      const user = await this.users.insertUnlessEmailTaken(tx, {
        email: input.email,
        displayName: input.displayName,
        // An explicit null means "no preference": the default, not a NOT NULL violation.
        preferredLanguage: input.preferredLanguage ?? Language.fr,
        passwordHash,
      });
      if (user) return this.verification.sendLink(tx, user, user.email);
      // Taken, possibly by a registration committed a moment ago: the same answer either way.
      const owner = await this.users.byEmailIn(tx, input.email);
      if (owner) await this.mail.registrationAttempt(tx, owner);
    });
    return true;
  }
}
