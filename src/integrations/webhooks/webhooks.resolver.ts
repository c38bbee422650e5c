import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ConnectionType } from '../../common/pagination';
import { Actor, CurrentActor } from '../../common/request-context';
import { WEBHOOK_KINDS } from './webhook-access';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { CreateWebhookEndpointInput, WebhookDeliveriesArgs, WebhookEndpointInput, WebhookEndpointsArgs } from '../dto/webhook.inputs';
import { WebhooksService } from './webhooks.service';

const WebhookEndpointConnection = ConnectionType(WebhookEndpoint);
const WebhookDeliveryConnection = ConnectionType(WebhookDelivery);

@Resolver(() => WebhookEndpoint)
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Query(() => [String], { description: 'The kinds of events a webhook endpoint may ask for' })
  webhookEventKinds(): readonly string[] {
    return WEBHOOK_KINDS;
  }

  @Query(() => WebhookEndpointConnection, { description: "An organization's webhook endpoints, newest first, for its admins" })
  webhookEndpoints(@CurrentActor() actor: Actor, @Args() args: WebhookEndpointsArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => WebhookDeliveryConnection, { description: "An endpoint's deliveries, newest first: state, attempts, the receiver's last answer" })
  webhookDeliveries(@CurrentActor() actor: Actor, @Args() args: WebhookDeliveriesArgs) {
    return this.service.deliveries(actor, args);
  }

  @Mutation(() => WebhookEndpoint, { description: 'By an admin: POST signed events of the chosen kinds to a URL; the signing secret is shown once' })
  createWebhookEndpoint(@CurrentActor() actor: Actor, @Args('input') input: CreateWebhookEndpointInput) {
    return this.service.create(actor, input);
  }

  @Mutation(() => WebhookEndpoint, { description: 'By an admin: deliveries start again, from the next event, after the endpoint was disabled' })
  enableWebhookEndpoint(@CurrentActor() actor: Actor, @Args('input') input: WebhookEndpointInput) {
    return this.service.enable(actor, input.webhookEndpointId);
  }

  @Mutation(() => Boolean, { description: 'By an admin: the endpoint and its delivery records are removed' })
  deleteWebhookEndpoint(@CurrentActor() actor: Actor, @Args('input') input: WebhookEndpointInput) {
    return this.service.remove(actor, input.webhookEndpointId);
  }
}
