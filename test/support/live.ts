import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { LiveHub } from '../../src/realtime/live-hub';
import { eventually } from './eventually';
import { TestApp } from './harness';

/** What a subscription received: each payload's data, the errors it ended with, whether it completed. */
export interface LiveSubscription<T = Record<string, any>> {
  received: T[];
  errors: { message: string; extensions?: Record<string, any> }[];
  completed: boolean;
  stop(): void;
}

/** The ws:// address of the app's /graphql, listening on a free port (once per app). */
export async function liveUrl(app: TestApp): Promise<string> {
  const server = app.app.getHttpServer();
  if (!server.listening) await app.app.listen({ port: 0, host: '127.0.0.1' });
  return `${(await app.app.getUrl()).replace(/^http/, 'ws').replace('[::1]', '127.0.0.1')}/graphql`;
}

/** Subscriptions open in the app's process. */
export function openSubscriptions(app: TestApp): number {
  return app.app.get(LiveHub).subscriptionCount;
}

/**
 * Runs `steps` while the live hub of the app's process hears nothing of the activity stream, as a
 * process does between another process's commit and its signal (Redis) or poll: a resume's replay
 * then reads from the database events this process's hub has not routed yet. The hub follows the
 * stream again afterwards, from then on: what was committed meanwhile is never routed, so its
 * remembered answers about what the steps changed stay behind; a test uses people and articles of
 * its own.
 */
export async function whileTheHubLags<T>(app: TestApp, steps: () => Promise<T>): Promise<T> {
  const hub = app.app.get(LiveHub);
  hub.onModuleDestroy();
  try {
    return await steps();
  } finally {
    hub.onApplicationBootstrap();
  }
}

/**
 * A real graphql-ws client over `ws`, authenticated at connection_init with `token` (none when
 * absent); it never retries, so a refusal is seen as the close code it came with.
 */
export class LiveClient {
  closedWith?: { code: number; reason: string };
  /** Whether the server accepted the connection_init (connection_ack). */
  acknowledged = false;
  private readonly client: Client;

  constructor(url: string, token?: string | null, connectionParams?: Record<string, unknown>) {
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: connectionParams ?? (token ? { authorization: `Bearer ${token}` } : {}),
      onNonLazyError: () => undefined,
      on: {
        connected: () => {
          this.acknowledged = true;
        },
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: unknown };
          this.closedWith = { code, reason: String(reason) };
        },
      },
    });
  }

  /** Subscribes and waits until the server holds one more subscription (so that changes made next reach it). */
  async subscribe<T = Record<string, any>>(app: TestApp, query: string, variables: Record<string, unknown> = {}): Promise<LiveSubscription<T>> {
    const before = openSubscriptions(app);
    const subscription = this.start<T>(query, variables);
    await eventually(async () => openSubscriptions(app) > before || subscription.errors.length > 0 || subscription.completed, 'subscribed');
    return subscription;
  }

  /** Subscribes without waiting: for a subscription the server is expected to refuse. */
  start<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, operationName?: string): LiveSubscription<T> {
    const subscription: LiveSubscription<T> = { received: [], errors: [], completed: false, stop: () => undefined };
    subscription.stop = this.client.subscribe<T>(
      { query, variables, operationName },
      {
        next: (result) => {
          if (result.errors) subscription.errors.push(...(result.errors as LiveSubscription['errors']));
          if (result.data) subscription.received.push(result.data as T);
        },
        error: (error) => {
          subscription.errors.push(...(Array.isArray(error) ? error : [{ message: String((error as { reason?: string }).reason ?? error) }]));
        },
        complete: () => {
          subscription.completed = true;
        },
      },
    );
    return subscription;
  }

  /** Waits until the server accepted the connection or closed it; whether it accepted it. */
  async settled(): Promise<boolean> {
    await eventually(async () => this.acknowledged || this.closedWith !== undefined, 'accepted or closed');
    return this.acknowledged && !this.closedWith;
  }

  async closed(): Promise<{ code: number; reason: string }> {
    await eventually(async () => this.closedWith !== undefined, 'closed');
    return this.closedWith as { code: number; reason: string };
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }
}
