import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditService } from '../../activity';
import { BadUserInputError, NotFoundError } from '../../common/errors';
import { Connection } from '../../common/pagination';
import { Actor } from '../../common/request-context';
import { AppConfig } from '../../config/config';
import { OrganizationsService } from '../../organizations';
import { assertFetchable, FetchRefusedError, hostOf } from '../../sources';
import { AccessPolicy } from '../../workspaces';
import { kindsRefusal, urlRefusal } from './webhook-access';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { CreateWebhookEndpointInput, WebhookDeliveriesArgs, WebhookEndpointsArgs } from '../dto/webhook.inputs';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookStore } from './webhook.store';

/** Webhook endpoints, registered, listed, re-enabled and removed by their organization's admins. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly store: WebhookStore,
    private readonly secrets: WebhookSecrets,
    private readonly organizations: OrganizationsService,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  /** The signing secret is returned once; the URL must be one the server may reach (checked again at each delivery). */
  async create(actor: Actor, input: CreateWebhookEndpointInput): Promise<WebhookEndpoint> {
    await this.organizations.assertAdmin(actor, input.organizationId);
    const urlProblem = urlRefusal(input.url) ?? (await this.unreachable(input.url));
    if (urlProblem) throw BadUserInputError.field('url', urlProblem);
    const kindsProblem = kindsRefusal(input.events);
    if (kindsProblem) throw BadUserInputError.field('events', kindsProblem);
    if (input.workspaceId && !(await this.policy.organizationsTakingPart([input.workspaceId])).get(input.workspaceId)?.has(input.organizationId)) {
      throw new NotFoundError('Workspace');
    }
    const id = randomUUID();
    const { secret, sealed } = this.secrets.create(id);
    const endpoint = await this.dataSource.transaction(async (tx) => {
      const created = await this.store.insertEndpoint(tx, {
        id,
        organizationId: input.organizationId,
        workspaceId: input.workspaceId ?? null,
        url: input.url,
        events: [...new Set(input.events)],
        secret: sealed,
        createdById: actor.userId,
      });
      await this.record(tx, actor, created, AuditAction.webhookEndpointCreated);
      return created;
    });
    return Object.assign(endpoint, { signingSecret: secret });
  }

  async list(actor: Actor, { organizationId, ...page }: WebhookEndpointsArgs): Promise<Connection<WebhookEndpoint>> {
    await this.organizations.assertAdmin(actor, organizationId);
    return this.store.pageOfOrganization(organizationId, page);
  }

  async deliveries(actor: Actor, { webhookEndpointId, ...page }: WebhookDeliveriesArgs): Promise<Connection<WebhookDelivery>> {
    const endpoint = await this.administered(actor, webhookEndpointId);
    return this.store.pageOfDeliveries(endpoint.id, page);
  }

  /** After it was disabled: deliveries start again from the next event. */
  async enable(actor: Actor, webhookEndpointId: string): Promise<WebhookEndpoint> {
    const endpoint = await this.administered(actor, webhookEndpointId);
    await this.dataSource.transaction(async (tx) => {
      await this.store.enableEndpoint(tx, endpoint.id);
      await this.record(tx, actor, endpoint, AuditAction.webhookEndpointEnabled);
    });
    return (await this.store.findEndpoint(endpoint.id)) as WebhookEndpoint;
  }

  async remove(actor: Actor, webhookEndpointId: string): Promise<boolean> {
    const endpoint = await this.administered(actor, webhookEndpointId);
    await this.dataSource.transaction(async (tx) => {
      await this.store.deleteEndpoint(tx, endpoint.id);
      await this.record(tx, actor, endpoint, AuditAction.webhookEndpointDeleted);
    });
    return true;
  }

  /** The endpoint, for an admin of its organization; to anyone else it does not exist. */
  private async administered(actor: Actor, webhookEndpointId: string): Promise<WebhookEndpoint> {
    const endpoint = await this.store.findEndpoint(webhookEndpointId);
    if (!endpoint || !(await this.organizations.isAdmin(actor.userId, endpoint.organizationId))) throw new NotFoundError('Webhook endpoint');
    await this.organizations.assertAdmin(actor, endpoint.organizationId);
    return endpoint;
  }

  /** Why the server would refuse to POST to `url` (a private address), or null; a host that does not resolve yet may later. */
  private async unreachable(url: string): Promise<string | null> {
    try {
      await assertFetchable(url, { allowHosts: this.config.WEBHOOK_ALLOW_HOSTS });
      return null;
    } catch (error) {
      return error instanceof FetchRefusedError ? 'must be a public address' : null;
    }
  }

  /** An endpoint is named by its host outside its settings: a hook's path or query may be its secret (a Slack hook's is). */
  private record(tx: EntityManager, actor: Actor, endpoint: WebhookEndpoint, action: AuditAction): Promise<void> {
    return this.audit.inOrganization(tx, actor, endpoint.organizationId, action, { type: 'webhook_endpoint', id: endpoint.id }, { host: hostOf(endpoint.url) });
  }
}
