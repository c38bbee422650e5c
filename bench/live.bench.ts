/**
 * Live updates: SUBSCRIBERS graphql-ws clients on one API process, all subscribed to one workspace's
 * activity, then a burst of CHANGES article revisions saved at once. Measured: delivery latency from
 * the change's transaction (the event's `occurredAt`) to receipt, p50/p99; events delivered per
 * second; memory per connection — against a bare `ws` broadcast of the same payloads to as many
 * sockets in the same run (serialized once, sent to every socket: the least a server can do).
 * The clients run in a worker thread of their own, in both cases: the memory figures are the server's.
 *
 *   npm run bench:live                                       # embedded PostgreSQL
 *   DATABASE_URL=postgres://… npm run bench:live
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { spawnWorker } from '../src/common/worker-threads';
import { AppConfig } from '../src/config/config';
import { LiveHub } from '../src/realtime/live-hub';
import { createArticle, saveRevision } from '../test/support/articles';
import { eventually } from '../test/support/eventually';
import { TestUser } from '../test/support/factories';
import { ok, TestApp } from '../test/support/harness';
import { liveUrl } from '../test/support/live';
import { createWorld, newWorkspaceMember } from '../test/support/world';
import type { ClientsMessage, ClientsTask } from './live-clients';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 100);
/** Distinct people behind the subscribers: each delivery is authorized for its own person. */
const PEOPLE = 50;
const CONNECTIONS_EACH = Math.ceil(SUBSCRIBERS / PEOPLE);

const SUBSCRIPTION = `subscription($workspaceId: ID!) {
  workspaceActivity(workspaceId: $workspaceId, kinds: ["article.revision_saved"]) { activity { id kind occurredAt resourceId } } }`;

interface Run {
  label: string;
  latencies: number[];
  seconds: number;
  bytesPerConnection: number;
}

/** The heap in use after full collections (with --expose-gc), closed sockets' buffers included. */
async function heap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let round = 0; round < 3; round++) {
    gc?.();
    await new Promise((next) => setImmediate(next));
  }
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** The subscribers, in a worker thread (bench/live-clients.ts); resolves at each of its messages in turn. */
function startClients(task: ClientsTask) {
  const worker = spawnWorker(__filename, join(__dirname, 'live-clients'), { workerData: task });
  const next = <T extends ClientsMessage['type']>(type: T) =>
    new Promise<Extract<ClientsMessage, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${task.kind}: no '${type}' from the clients in 10 minutes`)), 600_000);
      worker.on('message', function listener(message: ClientsMessage) {
        if (message.type !== type) return;
        clearTimeout(timer);
        worker.off('message', listener);
        resolve(message as Extract<ClientsMessage, { type: T }>);
      });
      worker.once('error', reject);
    });
  return { worker, connected: next('connected'), done: next('done') };
}

async function graphqlRun(app: TestApp, workspaceId: string, tokens: string[], burst: () => Promise<void>): Promise<{ run: Run; payloads: string[] }> {
  const hub = app.app.get(LiveHub);
  const before = await heap();
  const clients = startClients({ kind: 'graphql', url: await liveUrl(app), count: SUBSCRIBERS, expected: SUBSCRIBERS * CHANGES, tokens, query: SUBSCRIPTION, variables: { workspaceId } });
  await clients.connected;
  await eventually(async () => hub.subscriptionCount === SUBSCRIBERS, `${SUBSCRIBERS} subscribed`, 300_000);
  const bytesPerConnection = ((await heap()) - before) / SUBSCRIBERS;
  const started = Date.now();
  await burst();
  const { latencies, lastReceiptAt, payloads } = await clients.done;
  // The server side of each socket closes after the client's: only then is the next run's baseline clean.
  await eventually(async () => hub.subscriptionCount === 0, 'every subscription closed', 60_000);
  await clients.worker.terminate();
  return { run: { label: `GraphQL subscriptions (${PEOPLE} people)`, latencies, seconds: (lastReceiptAt - started) / 1000, bytesPerConnection }, payloads };
}

/** The same payloads, each serialized once and written to every socket of a bare `ws` server. */
async function bareRun(payloads: string[]): Promise<Run> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  const before = await heap();
  const clients = startClients({ kind: 'bare', url: `ws://127.0.0.1:${port}`, count: SUBSCRIBERS, expected: SUBSCRIBERS * payloads.length });
  await clients.connected;
  await eventually(async () => server.clients.size === SUBSCRIBERS, 'bare sockets connected');
  const bytesPerConnection = ((await heap()) - before) / SUBSCRIBERS;
  const started = Date.now();
  for (const payload of payloads) {
    const message = JSON.stringify({ sentAt: Date.now(), payload: JSON.parse(payload) });
    for (const client of server.clients) client.send(message);
  }
  const { latencies, lastReceiptAt } = await clients.done;
  await clients.worker.terminate();
  await new Promise((closed) => server.close(closed));
  return { label: 'bare ws broadcast', latencies, seconds: (lastReceiptAt - started) / 1000, bytesPerConnection };
}

function report(runs: Run[], reference: Run, goals: Record<string, string>): void {
  console.log(`\n${SUBSCRIBERS} subscribers to one workspace, a burst of ${CHANGES} changes (${SUBSCRIBERS * CHANGES} deliveries)`);
  console.table(
    runs.map((run) => {
      const sorted = [...run.latencies].sort((a, b) => a - b);
      const perSecond = run.latencies.length / run.seconds;
      return {
        case: run.label,
        'p50 ms': percentile(sorted, 0.5),
        'p99 ms': percentile(sorted, 0.99),
        'events/s': Math.round(perSecond),
        'KiB/connection': (run.bytesPerConnection / 1024).toFixed(1),
        'events/s ratio': (perSecond / (reference.latencies.length / reference.seconds)).toFixed(3),
        'memory ratio': (run.bytesPerConnection / reference.bytesPerConnection).toFixed(2),
        goal: goals[run.label] ?? '',
      };
    }),
  );
}

async function main(): Promise<void> {
  const app = await TestApp.start({ LOG_LEVEL: process.env.BENCH_LOG ?? 'silent', CONNECTIONS_PER_USER: String(CONNECTIONS_EACH) });
  try {
    const world = await createWorld(app);
    const editor = world.people.EDITOR;
    const people: TestUser[] = [];
    for (let index = 0; index < PEOPLE; index++) people.push(await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'OBSERVER'));
    const articles: string[] = [];
    for (let index = 0; index < CHANGES; index++) articles.push(await createArticle(app, editor, world.workspace.id, world.host.id));
    const burst = async () => {
      const begun = performance.now();
      await Promise.all(articles.map(async (articleId) => ok(await saveRevision(app, editor, articleId, 'fr', null))));
      console.log(`burst of ${CHANGES} saves committed in ${(performance.now() - begun).toFixed(0)} ms`);
    };
    const { run: graphql, payloads } = await graphqlRun(app, world.workspace.id, people.map((person) => person.token), burst);
    const bare = await bareRun(payloads);
    report([bare, graphql], bare, { [graphql.label]: 'events/s >= 0.2, p99 <= 2000 ms, memory <= 4' });
    console.log(`database: ${app.app.get(AppConfig).DATABASE_URL ? 'PostgreSQL server' : 'embedded PostgreSQL'}; heap figures ${(globalThis as { gc?: unknown }).gc ? 'after gc' : 'without --expose-gc (noisier)'}`);
  } finally {
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
