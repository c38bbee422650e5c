import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsString } from 'class-validator';
import { IdField, TextField } from '../../common/input-fields';
import { PageArgs } from '../../common/pagination';

@InputType()
export class CreateWebhookEndpointInput {
  @IdField()
  organizationId: string;

  @TextField({ max: 2048, trim: true, notEmpty: true, description: 'Where deliveries are POSTed: http(s), a public address' })
  url: string;

  @Field(() => [String], { description: 'The kinds of events to send, e.g. article.published (see webhookEventKinds)' })
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  events: string[];

  @IdField({ nullable: true, description: 'Only the events of this workspace; all the workspaces the organization takes part in when omitted' })
  workspaceId?: string | null;
}

@InputType()
export class WebhookEndpointInput {
  @IdField()
  webhookEndpointId: string;
}

@ArgsType()
export class WebhookEndpointsArgs extends PageArgs {
  @IdField()
  organizationId: string;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @IdField()
  webhookEndpointId: string;
}
