import { Injectable } from '@nestjs/common';
import { BadUserInputError } from '../common/errors';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';

/**
 * "Your password again" before a change that would let whoever holds a stolen access token keep
 * the account: a new address, a second factor that would lock its owner out. Each try is counted
 * as a sign-in attempt on the account and the client address, so it is no way around the sign-in
 * throttle for guessing the password.
 */
@Injectable()
export class PasswordConfirmation {
  constructor(
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** Refuses with BAD_USER_INPUT on `password` unless it is the account's, or RATE_LIMITED while sign-in is locked. */
  async confirm(user: Pick<User, 'email' | 'passwordHash'>, password: string, clientAddress: string): Promise<void> {
    const attempt = await this.throttle.reserveAttempt(user.email, clientAddress);
    if (!(await this.passwords.matches(user.passwordHash, password))) throw BadUserInputError.field('password', 'is not your current password');
    await this.throttle.recordSuccess(attempt);
  }
}
