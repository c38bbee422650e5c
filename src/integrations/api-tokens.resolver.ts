import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ConnectionType } from '../common/pagination';
import { Actor, CurrentActor } from '../common/request-context';
import { ApiToken } from './api-token.entity';
import { ApiTokensService } from './api-tokens.service';
import { ApiTokensArgs, CreateApiTokenInput, RevokeApiTokenInput } from './dto/api-token.inputs';

const ApiTokenConnection = ConnectionType(ApiToken);

@Resolver(() => ApiToken)
export class ApiTokensResolver {
  constructor(private readonly service: ApiTokensService) {}

  @Query(() => ApiTokenConnection, { description: "An organization's API tokens, newest first, for its admins (their secrets are not shown again)" })
  apiTokens(@CurrentActor() actor: Actor, @Args() args: ApiTokensArgs) {
    return this.service.list(actor, args);
  }

  @Mutation(() => ApiToken, { description: 'By an admin: a token acting for the organization within its scopes, until it expires or is revoked; its secret is shown once' })
  createApiToken(@CurrentActor() actor: Actor, @Args('input') input: CreateApiTokenInput) {
    return this.service.create(actor, input);
  }

  @Mutation(() => ApiToken, { description: "By an admin of the token's organization; the token stops working at once" })
  revokeApiToken(@CurrentActor() actor: Actor, @Args('input') input: RevokeApiTokenInput) {
    return this.service.revoke(actor, input.apiTokenId);
  }
}
