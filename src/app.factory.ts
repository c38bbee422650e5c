import { randomUUID } from 'node:crypto';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { limitRequests } from './backpressure';
import { AppConfig } from './config/config';
import { registerHttpEdge, serveErrorPathsAsTheyAre } from './graphql/http-edge';

/** The application, ready to listen: used by main.ts, the tests and the benchmarks alike. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // One reverse proxy in front: the client address is the last one X-Forwarded-For names, the one
    // the proxy wrote; what a client writes before it is not believed (with `true`, the first would be).
    trustProxy: config.TRUST_PROXY ? 1 : false,
    bodyLimit: 1024 * 1024,
    // Every log line of a request carries its id: the caller's X-Request-Id, or a new UUID.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Logging is pino-http's (nestjs-pino); Fastify's own logger stays off.
    logger: false,
    // On close: idle keep-alive connections are closed at once, requests arriving on busy ones get 503.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  limitRequests(adapter.getInstance(), {
    total: config.MAX_REQUESTS_IN_FLIGHT,
    perClient: config.MAX_REQUESTS_IN_FLIGHT_PER_CLIENT,
    routesPerMinute: config.ROUTE_REQUESTS_PER_MINUTE,
  });
  closeConnectionsAfterResponseWhileClosing(adapter.getInstance());
  serveErrorPathsAsTheyAre(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    // A failure to start (the data folder in use, the database unreachable) is thrown to the caller, not exited on.
    abortOnError: false,
    // Bodies are parsed from bytes kept for the request: the HTTP edge refuses those that are not UTF-8.
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  try {
    await app.init();
  } catch (error) {
    // What did start (the embedded database's thread among it) stops, so the caller's process can end.
    await app.close();
    throw error;
  }
  registerHttpEdge(app, config);
  return app;
}

/**
 * Listens on HOST:PORT until SIGTERM or SIGINT, then shuts down gracefully (see `drainAndExit`).
 * Returns the address it listens on (PORT=0 picks a free port).
 */
export async function serve(app: NestFastifyApplication, config: AppConfig): Promise<string> {
  await app.listen({ port: config.PORT, host: config.HOST });
  const shutDown = () => void drainAndExit(app, config.SHUTDOWN_GRACE_SECONDS);
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
  return app.getUrl();
}

/**
 * The HTTP server first — stop accepting, finish the requests in flight, close idle keep-alive
 * connections — then the database and the rest; exits 0, or 1 when the grace period runs out first.
 */
async function drainAndExit(app: NestFastifyApplication, graceSeconds: number): Promise<void> {
  const logger = new NestLogger('Shutdown');
  setTimeout(() => {
    logger.error(`Requests still in flight after ${graceSeconds} s: exiting without them`);
    process.exit(1);
  }, graceSeconds * 1000).unref();
  try {
    // Nest's own close would stop the database before the HTTP server, under the requests in flight.
    await app.getHttpAdapter().getInstance().close();
    await app.close();
  } catch (error) {
    logger.error(error);
    process.exit(1);
  }
  process.exit(0);
}

/** A keep-alive connection whose request finishes while the server closes is closed after its response. */
function closeConnectionsAfterResponseWhileClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}
