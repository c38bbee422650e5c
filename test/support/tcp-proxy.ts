import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { createTestDatabase, TestDatabase } from './database';

/**
 * A database of the enclosing describe block's own, behind a proxy its tests cut: a server's
 * database, or an embedded PostgreSQL served as a server. Returns the proxy, once the hooks ran.
 */
export function databaseBehindProxy(): () => TcpProxy {
  let database: TestDatabase;
  let embedded: EmbeddedPostgres | undefined;
  let proxy: TcpProxy;
  beforeAll(async () => {
    database = await createTestDatabase();
    embedded = database.env.DATABASE_URL ? undefined : await EmbeddedPostgres.start(database.env.TANDEM_DATA_DIR);
    // The embedded database's socket takes one connection: so does an app behind it, as the embedded app does.
    proxy = await TcpProxy.start(database.env.DATABASE_URL ?? (embedded as EmbeddedPostgres).url, embedded ? 1 : undefined);
  });
  afterAll(async () => {
    await proxy?.close();
    await embedded?.stop();
    await database?.drop();
  });
  return () => proxy;
}

/**
 * A TCP proxy in front of a database that a test can cut off, as an outage would: while cut,
 * open connections are reset and new ones dropped at once; restored, it forwards again.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((client) => this.forward(client));
  private cut = false;

  private constructor(
    private readonly target: URL,
    private readonly connections?: number,
  ) {}

  static async start(targetUrl: string, connections?: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(new URL(targetUrl), connections);
    await new Promise<void>((listening) => proxy.server.listen(0, '127.0.0.1', listening));
    return proxy;
  }

  /** The target URL with the proxy's address in place of the target's. */
  get url(): string {
    const url = new URL(this.target);
    url.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return url.toString();
  }

  /** What an app reaching its database through the proxy is started with. */
  get appEnv(): Record<string, string> {
    return { DATABASE_URL: this.url, ...(this.connections ? { DATABASE_POOL_SIZE: String(this.connections) } : {}) };
  }

  cutOff(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.cut = false;
  }

  async close(): Promise<void> {
    this.cutOff();
    await new Promise((closed) => this.server.close(closed));
  }

  private forward(client: Socket): void {
    if (this.cut) return void client.destroy();
    const upstream = createConnection({ host: this.target.hostname, port: Number(this.target.port || 5432) });
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ]) {
      this.sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        to.destroy();
      });
    }
  }
}
