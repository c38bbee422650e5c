import { Args, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, ClientAddress, CurrentActor } from '../../common/request-context';
import { Public } from '../access-token.guard';
import { AuthPayload } from '../dto/auth.inputs';
import { User } from '../user.entity';
import { ConfirmMfaInput, DisableMfaInput, MfaConfirmation, MfaEnrolment, VerifyMfaInput } from './dto/mfa.types';
import { MfaEnrolmentService } from './mfa-enrolment.service';
import { MfaLoginService } from './mfa-login.service';

@Resolver(() => User)
export class MfaResolver {
  constructor(
    private readonly enrolment: MfaEnrolmentService,
    private readonly login: MfaLoginService,
  ) {}

  @Mutation(() => MfaEnrolment, { description: 'Starts TOTP enrolment; confirmMfa with a first code enables it' })
  enrollMfa(@CurrentActor() actor: Actor): Promise<MfaEnrolment> {
    return this.enrolment.enrol(actor);
  }

  @Mutation(() => MfaConfirmation, { description: 'Enables MFA with a first code of the authenticator app' })
  confirmMfa(@CurrentActor() actor: Actor, @Args('input') input: ConfirmMfaInput, @ClientAddress() address: string): Promise<MfaConfirmation> {
    return this.enrolment.confirm(actor, input, address);
  }

  @Mutation(() => Boolean, { description: 'Removes the second factor; takes a code or a recovery code' })
  disableMfa(@CurrentActor() actor: Actor, @Args('input') input: DisableMfaInput): Promise<boolean> {
    return this.enrolment.disable(actor, input);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Completes a login that answered mfaRequired: the challenge and a code (or a recovery code)' })
  verifyMfa(@Args('input') input: VerifyMfaInput): Promise<AuthPayload> {
    return this.login.verify(input);
  }

  @ResolveField(() => Boolean, { nullable: true, description: "Whether sign-in takes a second factor; only on the caller's own account" })
  async mfaEnabled(@Parent() user: User, @CurrentActor() actor: Actor | undefined): Promise<boolean | null> {
    return actor?.userId === user.id ? this.enrolment.isEnabled(user.id) : null;
  }

  @ResolveField(() => Int, { nullable: true, description: "Unused recovery codes; only on the caller's own account" })
  async mfaRecoveryCodesRemaining(@Parent() user: User, @CurrentActor() actor: Actor | undefined): Promise<number | null> {
    return actor?.userId === user.id ? this.enrolment.recoveryCodesRemaining(user.id) : null;
  }
}
