import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { API_TOKEN_VERIFIER } from '../auth';
import { OrganizationsModule } from '../organizations';
import { ApiToken } from './api-token.entity';
import { ApiTokenStore } from './api-token.store';
import { ApiTokensResolver } from './api-tokens.resolver';
import { ApiTokensService } from './api-tokens.service';

/** Global for one provider only: the auth module's Authenticator asks API_TOKEN_VERIFIER without importing this module. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiToken]), OrganizationsModule],
  providers: [ApiTokenStore, ApiTokensService, ApiTokensResolver, { provide: API_TOKEN_VERIFIER, useExisting: ApiTokensService }],
  exports: [API_TOKEN_VERIFIER],
})
export class IntegrationsModule {}
