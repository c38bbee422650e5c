import { PreconditionFailedError } from '../common/errors';
import { ADDRESS_NOT_VERIFIED } from './organization-access';

/**
 * PRECONDITION_FAILED with `extensions.reason: 'EMAIL_NOT_VERIFIED'`: joining by domain and
 * accepting an invitation wait for a verified address; a client can offer resendEmailVerification.
 */
export class EmailNotVerifiedError extends PreconditionFailedError {
  constructor() {
    super('Verify your e-mail address first, with the link mailed to it', [ADDRESS_NOT_VERIFIED]);
    Object.assign(this.details, { reason: 'EMAIL_NOT_VERIFIED' });
  }
}
