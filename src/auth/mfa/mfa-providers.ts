import { MfaChallenge, MfaRecoveryCode, UserMfa } from './mfa.entity';
import { MfaChallengeService } from './mfa-challenge.service';
import { MfaEnrolmentService } from './mfa-enrolment.service';
import { MfaKeys } from './mfa-keys';
import { MfaLoginService } from './mfa-login.service';
import { MfaNotices } from './mfa-notices';
import { MfaResolver } from './mfa.resolver';
import { MfaStore } from './mfa.store';
import { SecondFactorService } from './second-factor.service';

/** The second factor (TOTP, recovery codes, login challenges), part of AuthModule. */
export const MFA_ENTITIES = [UserMfa, MfaRecoveryCode, MfaChallenge];
export const MFA_PROVIDERS = [MfaStore, MfaKeys, MfaNotices, SecondFactorService, MfaEnrolmentService, MfaChallengeService, MfaLoginService, MfaResolver];
