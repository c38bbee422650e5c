import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, ClientAddress, CurrentActor } from '../common/request-context';
import { Public } from './access-token.guard';
import { ChangeEmailInput, RequestPasswordResetInput, ResetPasswordInput, VerifyEmailInput } from './dto/account.inputs';
import { RegisterInput } from './dto/auth.inputs';
import { EmailVerificationService } from './email-verification.service';
import { PasswordResetService } from './password-reset.service';
import { RegistrationService } from './registration.service';
import { User } from './user.entity';

/** Registration, verified addresses and password reset: the account flows that go by e-mail. */
@Resolver(() => User)
export class AccountResolver {
  constructor(
    private readonly registration: RegistrationService,
    private readonly verification: EmailVerificationService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Always true, whether or not the address is taken: a new account gets a link to verify its address, the owner of a taken one a notice. Sign in with login; until the address is verified the account cannot join organizations',
  })
  register(@Args('input') input: RegisterInput, @ClientAddress() address: string): Promise<true> {
    return this.registration.register(input, address);
  }

  @Mutation(() => User, { description: "With the token of the link mailed to the address, signed in as the account it was sent for: the address becomes the account's, verified" })
  verifyEmail(@Args('input') input: VerifyEmailInput, @CurrentActor() actor: Actor): Promise<User> {
    return this.verification.verify(actor, input);
  }

  @Mutation(() => Boolean, { description: "A new verification link for the caller's unverified address (earlier ones stop working); false when it is verified already" })
  resendEmailVerification(@CurrentActor() actor: Actor, @ClientAddress() address: string): Promise<boolean> {
    return this.verification.resend(actor, address);
  }

  @Mutation(() => Boolean, {
    description: 'Always true: a link goes to the new address, which replaces the current one once confirmed with verifyEmail; the current address stays until then, and is told',
  })
  changeEmail(@Args('input') input: ChangeEmailInput, @CurrentActor() actor: Actor, @ClientAddress() address: string): Promise<true> {
    return this.verification.changeEmail(actor, input, address);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Always true, whether or not an account has the address: if one has, a link valid one hour is mailed to it' })
  requestPasswordReset(@Args('input') input: RequestPasswordResetInput, @ClientAddress() address: string): Promise<true> {
    return this.passwordReset.request(input, address);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'With the token of the reset link (once, within the hour): sets the password and ends every session of the account' })
  resetPassword(@Args('input') input: ResetPasswordInput): Promise<true> {
    return this.passwordReset.reset(input);
  }

  @ResolveField(() => Boolean, { nullable: true, description: "Whether the account's address is verified; only on the caller's own account" })
  emailVerified(@Parent() user: User, @CurrentActor() actor: Actor | undefined): boolean | null {
    return actor?.userId === user.id ? !!user.emailVerifiedAt : null;
  }
}
