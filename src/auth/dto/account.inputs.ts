import { InputType } from '@nestjs/graphql';
import { EmailField, LookupEmailField, TextField } from '../../common/input-fields';
import { PASSWORD_MAX_LENGTH } from './auth.inputs';

/** A mailed link's token: 32 random bytes in base64url (43 characters); longer is never one. */
const AccountTokenField = () => TextField({ max: 128 });

@InputType()
export class VerifyEmailInput {
  @AccountTokenField()
  token: string;
}

@InputType()
export class ChangeEmailInput {
  /** The new address: it replaces the current one once confirmed from the link sent to it. */
  @EmailField()
  email: string;

  @TextField({ max: PASSWORD_MAX_LENGTH, description: 'The current password' })
  password: string;
}

@InputType()
export class RequestPasswordResetInput {
  @LookupEmailField()
  email: string;
}

@InputType()
export class ResetPasswordInput {
  @AccountTokenField()
  token: string;

  @TextField({ max: PASSWORD_MAX_LENGTH })
  newPassword: string;
}
