import { Injectable } from '@nestjs/common';
import { BadUserInputError } from '../common/errors';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';

/**
 * "Your password again" before a change that would let whoever holds a stolen access token keep
 * the account: a new address, a second factor that would lock its owner out. Each try is counted
 * as sign-in attempts are, on the person and the client address, so it is no way around the sign-in
 * throttle for guessing the password; on a key of its own, so failed sign-ins by whoever knows the
 * address do not stop the owner.
 */
@Injectable()
export class PasswordConfirmation {
  constructor(
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** Refuses with BAD_USER_INPUT on `password` unless it is the account's, or RATE_LIMITED while sign-in is locked. */
  async confirm(user: Pick<User, 'id' | 'passwordHash'>, password: string, clientAddress: string): Promise<void> {
    const attempt = await this.throttle.reserveConfirmation(user.id, clientAddress);
    if (!(await this.passwords.matches(user.passwordHash, password))) throw BadUserInputError.field('password', 'is not your current password');
    await this.throttle.recordSuccess(attempt);
  }
}
