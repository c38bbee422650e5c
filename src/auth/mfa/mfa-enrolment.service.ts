import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError, PreconditionFailedError } from '../../common/errors';
import { Actor } from '../../common/request-context';
import { AuthService } from '../auth.service';
import { PasswordConfirmation } from '../password-confirmation';
import { SessionStore } from '../session.store';
import { UsersStore } from '../users.store';
import { ConfirmMfaInput, DisableMfaInput, MfaConfirmation, MfaEnrolment } from './dto/mfa.types';
import { MfaKeys } from './mfa-keys';
import { MfaNotices } from './mfa-notices';
import { secondFactorOf } from './mfa-rules';
import { MfaStore } from './mfa.store';
import { newRecoveryCodes } from './recovery-codes';
import { SecondFactorService } from './second-factor.service';
import { newTotpSecret, otpauthUri } from './totp';

const ALREADY_ENABLED = 'MFA is already enabled on your account';
const NOTHING_TO_CONFIRM = 'There is no MFA enrolment to confirm: start with enrollMfa';
const NOT_ENABLED = 'MFA is not enabled on your account';
const WRONG = 'is wrong or was already used';

/**
 * A person's own second factor: enrolment (a new secret), confirmation with a first code (which
 * enables it and hands out the recovery codes), and disabling it, which takes a code too. Other
 * modules ask here whether someone has MFA.
 */
@Injectable()
export class MfaEnrolmentService {
  constructor(
    private readonly store: MfaStore,
    private readonly keys: MfaKeys,
    private readonly factors: SecondFactorService,
    private readonly users: UsersStore,
    private readonly sessions: SessionStore,
    private readonly auth: AuthService,
    private readonly notices: MfaNotices,
    private readonly passwordConfirmation: PasswordConfirmation,
    private readonly dataSource: DataSource,
  ) {}

  /** Whether the person has confirmed MFA; read in `tx` when given. */
  isEnabled(userId: string, tx?: EntityManager): Promise<boolean> {
    return this.store.isEnabled(userId, tx);
  }

  recoveryCodesRemaining(userId: string): Promise<number> {
    return this.store.recoveryCodesRemaining(userId);
  }

  /** A new secret, returned this once; enrolling again before confirming replaces it. */
  async enrol(actor: Actor): Promise<MfaEnrolment> {
    const user = await this.users.get(actor.userId);
    const secret = newTotpSecret();
    await this.dataSource.transaction(async (tx) => {
      if ((await this.store.lockEnrolment(tx, actor.userId))?.enabledAt) throw new ConflictError(ALREADY_ENABLED);
      await this.store.enrol(tx, actor.userId, this.keys.sealSecret(actor.userId, secret));
    });
    return { otpauthUri: otpauthUri(secret, user.email), secret };
  }

  /**
   * The account's password and a first right code enable MFA and replace the recovery codes; they
   * are returned this once, only their hashes kept. The confirming session counts as having passed
   * the second factor; the account's other sessions end. Without the password, whoever stole an
   * access token could lock the owner out of an account that had no second factor.
   */
  async confirm(actor: Actor, { code, password }: ConfirmMfaInput, clientAddress: string): Promise<MfaConfirmation> {
    const enrolment = await this.store.enrolmentOf(actor.userId);
    if (!enrolment) throw new PreconditionFailedError(NOTHING_TO_CONFIRM, [NOTHING_TO_CONFIRM]);
    if (enrolment.enabledAt) throw new ConflictError(ALREADY_ENABLED);
    await this.passwordConfirmation.confirm(await this.users.get(actor.userId), password, clientAddress);
    const recoveryCodes = newRecoveryCodes();
    const refusal = () => BadUserInputError.field('code', WRONG);
    await this.factors.prove(actor.userId, { kind: 'code', code }, { pending: true, refusal }, async (tx) => {
      const now = new Date();
      await this.store.enable(tx, actor.userId, now);
      await this.store.replaceRecoveryCodes(
        tx,
        actor.userId,
        recoveryCodes.map((recoveryCode) => this.keys.recoveryCodeHash(recoveryCode)),
      );
      // This session just passed the second factor; one opened with the password alone (perhaps by
      // whoever else knows it) must not outlive the change.
      await this.sessions.markSecondFactor(tx, actor.sessionId, now);
      await this.auth.endOtherSessions(tx, actor, 'mfa enabled');
      await this.notices.tell(tx, actor.userId, 'enabled', now, now.toISOString());
    });
    return { recoveryCodes };
  }

  /**
   * Takes a code (or a recovery code), so that a borrowed session alone cannot remove the second
   * factor; the account's other sessions end with it.
   */
  async disable(actor: Actor, input: DisableMfaInput): Promise<boolean> {
    const proof = secondFactorOf(input);
    if (!(await this.store.isEnabled(actor.userId))) throw new PreconditionFailedError(NOT_ENABLED, [NOT_ENABLED]);
    const refusal = () => BadUserInputError.field(proof.kind, WRONG);
    await this.factors.prove(actor.userId, proof, { refusal }, async (tx) => {
      const now = new Date();
      await this.store.remove(tx, actor.userId);
      await this.auth.endOtherSessions(tx, actor, 'mfa disabled');
      await this.notices.tell(tx, actor.userId, 'disabled', now, now.toISOString(), { with: proof.kind });
    });
    return true;
  }
}
