import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { API_TOKEN_VERIFIER } from '../auth';
import { ArticlesModule } from '../articles';
import { OrganizationsModule } from '../organizations';
import { ApiToken } from './api-token.entity';
import { ApiTokenStore } from './api-token.store';
import { ApiTokensResolver } from './api-tokens.resolver';
import { ApiTokensService } from './api-tokens.service';
import { WebhookDispatchService } from './webhooks/webhook-dispatch.service';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity';
import { WebhookSecrets } from './webhooks/webhook-secrets';
import { WebhookStore } from './webhooks/webhook.store';
import { WebhooksResolver } from './webhooks/webhooks.resolver';
import { WebhooksService } from './webhooks/webhooks.service';

/**
 * API tokens and webhooks: what partners' systems use. Global for one provider only: the auth
 * module's Authenticator asks API_TOKEN_VERIFIER without importing this module.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiToken, WebhookEndpoint, WebhookDelivery]), OrganizationsModule, ArticlesModule],
  providers: [
    ApiTokenStore,
    ApiTokensService,
    ApiTokensResolver,
    { provide: API_TOKEN_VERIFIER, useExisting: ApiTokensService },
    WebhookStore,
    WebhookSecrets,
    WebhooksService,
    WebhookDispatchService,
    WebhooksResolver,
  ],
  exports: [API_TOKEN_VERIFIER],
})
export class IntegrationsModule {}
