/**
 * The subscribers of bench/live.bench.ts, in a worker thread of their own: their parsing and
 * bookkeeping run beside the server's event loop, not on it, and their memory is not the server's.
 * Tells the parent 'connected' once every socket is open (and subscribed), then 'done' with each
 * delivery's latency once `expected` deliveries arrived, after closing every socket.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface ClientsTask {
  kind: 'graphql' | 'bare';
  url: string;
  count: number;
  expected: number;
  /** graphql: the access tokens, used in turn, and the subscription. */
  tokens?: string[];
  query?: string;
  variables?: Record<string, unknown>;
}

export type ClientsMessage = { type: 'connected' } | { type: 'done'; latencies: number[]; lastReceiptAt: number; payloads: string[] };

/** Connections opened at once, as clients arrive: each checks its session once. */
const RAMP = 50;

const task = workerData as ClientsTask;
const latencies: number[] = [];
const payloads: string[] = [];
let lastReceiptAt = 0;
let close: () => Promise<void> = async () => undefined;

function received(latency: number, payload?: string): void {
  lastReceiptAt = Date.now();
  latencies.push(latency);
  if (payload) payloads.push(payload);
  if (latencies.length === task.expected) void close().then(() => tell({ type: 'done', latencies, lastReceiptAt, payloads }));
}

const tell = (message: ClientsMessage) => parentPort?.postMessage(message);

async function graphqlClients(): Promise<void> {
  const clients: Client[] = [];
  for (let index = 0; index < task.count; index += RAMP) {
    const batch = Array.from({ length: Math.min(RAMP, task.count - index) }, (_, offset) => {
      const token = (task.tokens as string[])[(index + offset) % (task.tokens as string[]).length];
      return new Promise<Client>((resolve, reject) => {
        const client = createClient({
          url: task.url,
          webSocketImpl: WebSocket,
          lazy: false,
          retryAttempts: 0,
          connectionParams: { authorization: `Bearer ${token}` },
          onNonLazyError: reject,
          on: { connected: () => resolve(client) },
        });
      });
    });
    clients.push(...(await Promise.all(batch)));
  }
  for (const [index, client] of clients.entries()) {
    client.subscribe<{ workspaceActivity: { activity: { occurredAt: string } } }>(
      { query: task.query as string, variables: task.variables },
      {
        next: (result) => {
          if (!result.data) throw new Error(JSON.stringify(result.errors));
          received(Date.now() - Date.parse(result.data.workspaceActivity.activity.occurredAt), index === 0 ? JSON.stringify(result) : undefined);
        },
        error: (error) => console.error('subscription ended', (error as { code?: number }).code ?? error),
        complete: () => undefined,
      },
    );
  }
  close = async () => void (await Promise.all(clients.map((client) => client.dispose())));
}

async function bareSockets(): Promise<void> {
  const sockets = await Promise.all(
    Array.from({ length: task.count }, () => {
      const socket = new WebSocket(task.url);
      socket.on('message', (data) => received(Date.now() - (JSON.parse(String(data)) as { sentAt: number }).sentAt));
      return new Promise<WebSocket>((resolve) => socket.once('open', () => resolve(socket)));
    }),
  );
  close = async () => sockets.forEach((socket) => socket.close());
}

void (task.kind === 'graphql' ? graphqlClients() : bareSockets()).then(() => tell({ type: 'connected' }));
