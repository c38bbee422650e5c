import { ChildProcess, spawn } from 'node:child_process';
import { Agent, get } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from './support/database';
import { eventually } from './support/eventually';
import { PASSWORD } from './support/factories';
import { LiveClient } from './support/live';

interface Server {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Tandem in a process of its own (support/serve-held.ts, from the sources), listening on a free port. */
async function startServer(database: TestDatabase, env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--require', join(__dirname, 'support/swc-register.js'), join(__dirname, 'support/serve-held.ts')], {
    env: { ...process.env, ...database.env, NODE_ENV: 'test', LOG_LEVEL: process.env.SHUTDOWN_LOG ?? 'silent', PORT: '0', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { listening: string }) => resolve(message.listening));
    void exited.then((code) => reject(new Error(`The server exited with ${code} before listening`)));
  });
  return { child, url, exited };
}

function request(url: string, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

/** An access token of a new person, registered and signed in over HTTP. */
async function signedIn(url: string): Promise<string> {
  const email = `shutdown-${Date.now()}@example.gc.ca`;
  const graphql = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data: Record<string, { accessToken: string }> };
  };
  await graphql(`mutation($input: RegisterInput!) { register(input: $input) }`, { input: { email, password: PASSWORD, displayName: 'Shutdown' } });
  return (await graphql(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, { input: { email, password: PASSWORD } })).data.login.accessToken;
}

function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

function nextMessage(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve) => child.once('message', resolve));
}

describe('graceful shutdown on SIGTERM', () => {
  let database: TestDatabase;
  let server: Server | undefined;
  beforeAll(async () => (database = await createTestDatabase()));
  afterEach(() => {
    server?.child.kill('SIGKILL');
  });
  afterAll(() => database.drop());

  /** One idle keep-alive connection, and one request in flight on another when SIGTERM comes. */
  async function terminateWithRequestInFlight(running: Server) {
    const idle = new Agent({ keepAlive: true });
    expect((await request(`${running.url}/health`, idle)).status).toBe(200);
    // Settled either way: the request may be cut off before the test looks at it.
    const held = request(`${running.url}/test/held`, new Agent({ keepAlive: true })).catch((error: Error) => error);
    await nextMessage(running.child);
    running.child.kill('SIGTERM');
    await eventually(() => refusesConnections(running.url), 'refusing new connections');
    return { held };
  }

  it('finishes the request in flight, closes keep-alive connections and exits 0', async () => {
    server = await startServer(database, { SHUTDOWN_GRACE_SECONDS: '60' });
    const { held } = await terminateWithRequestInFlight(server);
    server.child.send('release');
    expect(await held).toEqual({ status: 200, body: JSON.stringify({ released: true }) });
    expect(await server.exited).toBe(0);
  }, 120_000);

  it('closes live connections with 1001 (going away), so that clients reconnect rather than report a failure', async () => {
    server = await startServer(database, { SHUTDOWN_GRACE_SECONDS: '60' });
    const live = new LiveClient(`${server.url.replace(/^http/, 'ws')}/graphql`, await signedIn(server.url));
    expect(await live.settled()).toBe(true);
    server.child.kill('SIGTERM');
    expect(await live.closed()).toEqual({ code: 1001, reason: 'The server is shutting down' });
    expect(await server.exited).toBe(0);
  }, 120_000);

  it('exits when the grace period ends, even with a request that never finishes', async () => {
    server = await startServer(database, { SHUTDOWN_GRACE_SECONDS: '1' });
    const { held } = await terminateWithRequestInFlight(server);
    expect(await server.exited).toBe(1);
    expect(await held).toEqual(expect.objectContaining({ message: 'socket hang up' }));
  }, 120_000);
});
