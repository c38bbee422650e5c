import { Args, Info, Mutation, Query, ResolveField, Resolver, Parent } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { selectsOnly } from '../common/projection';
import { Actor, ClientAddress, CurrentActor } from '../common/request-context';
import { Public } from './access-token.guard';
import { AuthService } from './auth.service';
import { AuthPayload, LoginInput, RefreshSessionInput } from './dto/auth.inputs';
import { LoginPayload } from './mfa/dto/mfa.types';
import { User } from './user.entity';

@Resolver(() => User)
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => LoginPayload, { description: 'The tokens, or with MFA enrolled a challenge for verifyMfa (mfaRequired)' })
  login(@Args('input') input: LoginInput, @ClientAddress() address: string): Promise<LoginPayload> {
    return this.auth.login(input, address);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Rotates the refresh token; a reused one revokes its whole session' })
  refreshSession(@Args('input') input: RefreshSessionInput): Promise<AuthPayload> {
    return this.auth.refresh(input);
  }

  @Mutation(() => Boolean)
  logout(@Args('input') input: RefreshSessionInput, @CurrentActor() actor: Actor): Promise<boolean> {
    return this.auth.logout(input, actor);
  }

  @Query(() => User)
  me(@CurrentActor() actor: Actor, @Info() info: GraphQLResolveInfo): Promise<User> | Pick<User, 'id'> {
    // Who the caller is was settled with the session: asked for nothing more, `me` reads no row.
    return selectsOnly(info, ['id']) ? { id: actor.userId } : this.auth.me(actor);
  }

  @ResolveField(() => String, { nullable: true, description: "Only on the caller's own account" })
  email(@Parent() user: User, @CurrentActor() actor: Actor | undefined): string | null {
    return actor?.userId === user.id ? user.email : null;
  }
}
