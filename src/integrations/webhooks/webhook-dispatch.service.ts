import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityEvent, ActivityStream, articleNamedBy, AuditAction, AuditService, NotificationKind, NotificationsService } from '../../activity';
import { ArticleReadingService } from '../../articles';
import { CoalescedRun } from '../../common/coalesced-run';
import { AppConfig } from '../../config/config';
import { OrganizationsService } from '../../organizations';
import { FetchFailedError, hostOf, postSafely } from '../../sources';
import { AccessPolicy } from '../../workspaces';
import { endpointWants, retryDelaySeconds } from './webhook-access';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { SIGNATURE_HEADER, signatureOf } from './webhook-signature';
import { WebhookSecrets } from './webhook-secrets';
import { NewDelivery, WebhookStore } from './webhook.store';

/** How many deliveries one sender claims at once. */
const CLAIM = 20;
/** How many deliveries of one endpoint may be in flight at once, across every sender. */
const CLAIM_PER_ENDPOINT = 2;
/** Delivery records are kept this long, then forgotten. */
const RECORDS_KEPT_DAYS = 30;
const PRUNE_EVERY_MS = 60 * 60_000;
/** A receiver's answer is read only this far: its status is what counts. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Turns the activity stream into webhook deliveries and sends them. Planning is a durable reader of
 * the stream: the deliveries of a batch of events and the reader's new place commit together, so a
 * crash plans each event once. Sending claims due deliveries with a lease, never more than two of
 * one endpoint in flight whichever processes send them, checks at each attempt that the
 * organization may still see what the event is about, signs, POSTs through the SSRF-safe client,
 * and records the outcome; repeated failures disable the endpoint.
 */
@Injectable()
export class WebhookDispatchService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDispatchService.name);
  private planner?: { stop: () => Promise<void> };
  private poll?: NodeJS.Timeout;
  private pruning?: NodeJS.Timeout;
  /** Sends what is due; a nudge while sending makes one more round after it. */
  private readonly sender = new CoalescedRun(
    () => this.sendDue(),
    (error) => this.logger.warn(`webhook deliveries not sent: ${error.message}`),
  );
  private stopped = false;

  constructor(
    private readonly stream: ActivityStream,
    private readonly store: WebhookStore,
    private readonly secrets: WebhookSecrets,
    private readonly policy: AccessPolicy,
    private readonly articles: ArticleReadingService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.planner = this.stream.consume('webhooks', (tx, events) => this.plan(tx, events), () => this.nudge());
    this.poll = setInterval(() => this.nudge(), this.config.WEBHOOK_POLL_MS).unref();
    this.pruning = setInterval(() => {
      this.store.pruneDeliveries(new Date(Date.now() - RECORDS_KEPT_DAYS * 86_400_000)).catch((error: Error) => this.logger.warn(`webhook deliveries not pruned: ${error.message}`));
    }, PRUNE_EVERY_MS).unref();
  }

  /** How long a sender holds a claimed delivery: its whole attempt, and a margin. */
  private get leaseSeconds(): number {
    return Math.ceil(this.config.WEBHOOK_TIMEOUT_MS / 1000) + 30;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearInterval(this.pruning);
    await Promise.all([this.planner?.stop(), this.sender.stop()]);
  }

  /** The deliveries a batch of events makes: each event, to each endpoint it concerns. */
  private async plan(tx: EntityManager, events: ActivityEvent[]): Promise<void> {
    const endpoints = await this.store.enabledFor([...new Set(events.map((event) => event.kind))], tx);
    if (!endpoints.length) return;
    const workspaceIds = [...new Set(events.flatMap((event) => (event.workspaceId ? [event.workspaceId] : [])))];
    const takingPart = await this.policy.organizationsTakingPart(workspaceIds, tx);
    const deliveries: NewDelivery[] = events.flatMap((event) =>
      endpoints
        .filter((endpoint) => endpointWants(endpoint, event, takingPart.get(event.workspaceId ?? '') ?? new Set()))
        .map((endpoint) => ({ endpointId: endpoint.id, eventId: event.id, kind: event.kind, event: factsOf(event) })),
    );
    await this.store.insertDeliveries(tx, deliveries);
  }

  private nudge(): void {
    this.sender.wake();
  }

  private async sendDue(): Promise<void> {
    await this.store.failAbandoned(this.config.WEBHOOK_MAX_ATTEMPTS);
    for (;;) {
      const due = await this.store.claimDue(CLAIM, CLAIM_PER_ENDPOINT, this.leaseSeconds);
      const endpoints = new Map((await this.store.findEndpoints([...new Set(due.map((delivery) => delivery.endpointId))])).map((endpoint) => [endpoint.id, endpoint]));
      await Promise.all(due.map((delivery) => this.attempt(delivery, endpoints.get(delivery.endpointId))));
      if (due.length < CLAIM || this.stopped) return;
    }
  }

  private async attempt(delivery: WebhookDelivery, endpoint: WebhookEndpoint | undefined): Promise<void> {
    if (!endpoint || !(await this.maySee(endpoint.organizationId, delivery))) return this.store.recordWithheld(delivery);
    const body = JSON.stringify(payloadOf(delivery));
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await postSafely(endpoint.url, body, {
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signatureOf(this.secrets.open(endpoint.id, endpoint.secret), timestamp, body),
          'tandem-event-id': delivery.eventId,
          'tandem-delivery-id': delivery.id,
        },
        allowHosts: this.config.WEBHOOK_ALLOW_HOSTS,
        timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
        maxBytes: MAX_RESPONSE_BYTES,
      });
      await this.store.recordDelivered(delivery, response.status);
      await this.store.resetFailures(endpoint.id);
    } catch (error) {
      await this.recordFailure(delivery, endpoint, error as Error);
    }
  }

  /** What the delivery is about is still the organization's to see: its workspace, and an article's visibility. */
  private async maySee(organizationId: string, { event }: WebhookDelivery): Promise<boolean> {
    if (event.workspaceId && !(await this.policy.organizationsTakingPart([event.workspaceId])).get(event.workspaceId)?.has(organizationId)) return false;
    const articleId = articleNamedBy(event);
    return !articleId || this.articles.visibleToOrganization(articleId, organizationId);
  }

  private async recordFailure(delivery: WebhookDelivery, endpoint: WebhookEndpoint, error: Error): Promise<void> {
    const responseStatus = error instanceof FetchFailedError ? (error.status ?? null) : null;
    const retryAt = delivery.attempts < this.config.WEBHOOK_MAX_ATTEMPTS ? new Date(Date.now() + retryDelaySeconds(delivery.attempts, this.config.WEBHOOK_RETRY_BASE_MS / 1000) * 1000) : null;
    await this.dataSource.transaction(async (tx) => {
      const recorded = await this.store.recordFailure(tx, delivery, { responseStatus, error: error.message.slice(0, 500), retryAt });
      // Only a delivery out of attempts counts towards disabling: a short outage only delays.
      if (!recorded || retryAt || (await this.store.countFailure(tx, endpoint.id)) < this.config.WEBHOOK_DISABLE_AFTER) return;
      const reason = `Disabled after ${this.config.WEBHOOK_DISABLE_AFTER} deliveries in a row failed every attempt; the last: ${error.message.slice(0, 200)}`;
      if (!(await this.store.disableEndpoint(tx, endpoint.id, reason))) return;
      await this.audit.record({ actorId: null, action: AuditAction.webhookEndpointDisabled, resourceType: 'webhook_endpoint', resourceId: endpoint.id, organizationId: endpoint.organizationId, details: { host: hostOf(endpoint.url) } }, tx);
      // The endpoint is the organization's, whoever created it: its admins now answer for it.
      const admins = await this.organizations.adminIds(endpoint.organizationId, tx);
      const message = disabledNotice(hostOf(endpoint.url));
      await this.notifications.notify(
        admins.map((userId) => ({ userId, kind: NotificationKind.webhookDisabled, organizationId: endpoint.organizationId, resourceType: 'webhook_endpoint', resourceId: endpoint.id, message })),
        tx,
      );
    });
  }
}

/** The notice of a disabled endpoint, which is e-mailed: it names the endpoint by its host, never its path or query, which may hold its secret (a Slack hook's does). */
function disabledNotice(host: string) {
  return {
    en: `The webhook to ${host} was disabled after repeated failed deliveries; re-enable it once the receiver answers again.`,
    fr: `Le webhook vers ${host} a été désactivé après des échecs de livraison répétés; réactivez-le quand le destinataire répondra de nouveau.`,
  };
}

/** What a delivery keeps of its event: ids, and the article it concerns, never the event's details. */
function factsOf(event: ActivityEvent): WebhookDelivery['event'] {
  const { resourceType, resourceId, workspaceId, organizationId, actorId } = event;
  const articleId = articleNamedBy(event);
  return { resourceType, resourceId, workspaceId, organizationId, actorId, payload: articleId ? { articleId } : {}, occurredAt: event.createdAt.toISOString() };
}

/**
 * What the receiver gets: which event, about what, where, by whom. Ids, not content: the receiver
 * reads what it needs through the API, with the organization's token and rights.
 */
function payloadOf(delivery: WebhookDelivery) {
  const { event } = delivery;
  const articleId = articleNamedBy(event);
  return {
    id: delivery.eventId,
    kind: delivery.kind,
    occurredAt: event.occurredAt,
    workspaceId: event.workspaceId,
    organizationId: event.organizationId,
    actorId: event.actorId,
    resource: { type: event.resourceType, id: event.resourceId },
    ...(articleId ? { articleId } : {}),
  };
}
