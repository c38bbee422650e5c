import { PreconditionFailedError } from '../../common/errors';

const MFA_REQUIRED = 'MFA is required: enrol with enrollMfa and confirmMfa before acting as an admin of this organization';

/** PRECONDITION_FAILED with `extensions.reason: 'MFA_REQUIRED'`: a client can send the person to enrolment. */
export class MfaRequiredError extends PreconditionFailedError {
  constructor() {
    super(MFA_REQUIRED, [MFA_REQUIRED]);
    Object.assign(this.details, { reason: 'MFA_REQUIRED' });
  }
}
