import { BadUserInputError } from '../common/errors';

export const PASSWORD_MIN_LENGTH = 12;

/** The rules a new password must meet; throws BAD_USER_INPUT naming the `password` field. */
export function assertAcceptablePassword(password: string, email: string): void {
  // Counted without surrounding blanks, so padding with spaces cannot meet the minimum.
  if ([...password.trim()].length < PASSWORD_MIN_LENGTH) {
    throw BadUserInputError.field('password', `must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  }
  const lowered = password.trim().toLowerCase();
  if (lowered === email || lowered === email.split('@')[0]) {
    throw BadUserInputError.field('password', 'must not be your e-mail address');
  }
}
