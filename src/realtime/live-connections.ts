import { IncomingMessage } from 'node:http';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';
import { DocumentNode, GraphQLError, OperationTypeNode, parse } from 'graphql';
import { WebSocket } from 'ws';
import { ActivityEvent, ActivityKind } from '../activity';
import { Authenticator } from '../auth';
import { BadUserInputError, UnauthenticatedError } from '../common/errors';
import { toPublicError } from '../common/graphql-errors';
import { MessageLanguage } from '../common/messages';
import { Actor, GraphQLContext } from '../common/request-context';
import { AppConfig } from '../config/config';
import { operationNamed } from '../graphql/query-limits';
import { CloseCode } from './close-codes';

type Request = GraphQLContext['req'];

/** What Mercurius calls `onConnect` on: the connection, holding its socket and the upgrade request, and sending its errors. */
interface MercuriusConnection {
  socket: WebSocket;
  context: { request: Request };
  sendError(error: unknown, id: unknown): void;
  /** Starts the operation of a `subscribe` message. */
  handleGQLStart(message: { payload?: { query?: unknown; operationName?: unknown } }): Promise<void>;
}

/** How long a socket may stay open without its connection_init: an unauthenticated socket is bounded by nothing else. */
const INITIALISATION_TIMEOUT_MS = 10_000;

/** The longest a timer may wait in Node (about 24.8 days). */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** One authenticated WebSocket: whose it is, until when its access token holds, how many subscriptions it has. */
export class LiveConnection {
  subscriptions = 0;

  constructor(
    readonly socket: WebSocket,
    readonly actor: Actor,
    readonly language: MessageLanguage,
    readonly expiresAt: number,
  ) {}

  /** Whether events may still flow; an access token found expired closes the connection (4401). */
  stillValid(): boolean {
    if (Date.now() >= this.expiresAt) this.close(CloseCode.unauthorized, 'The access token expired');
    return this.socket.readyState === WebSocket.OPEN;
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close(code, reason);
  }
}

/**
 * The live connections of this process: authenticated at `connection_init` with the access token
 * (`{ authorization: 'Bearer …' }`), counted per person, closed when their token expires (4401),
 * their session ends (4403, told by the activity stream, so in every process) or the server shuts
 * down (1001).
 */
@Injectable()
export class LiveConnections implements OnModuleInit {
  private readonly byRequest = new WeakMap<Request, LiveConnection>();
  /** Upgrade requests whose connection_init arrived (accepted or refused). */
  private readonly initialised = new WeakSet<IncomingMessage>();
  private readonly byUser = new Map<string, Set<LiveConnection>>();

  constructor(
    private readonly authenticator: Authenticator,
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /**
   * On close, each connection is closed with 1001 (going away): its client reads a restart, not a
   * failure, and reconnects. Fastify runs the hooks of its root before those of the plugins,
   * @fastify/websocket's among them, which closes what is left with no code (1005).
   */
  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'fastify') return;
    adapter.getInstance<FastifyInstance>().addHook('preClose', async () => {
      for (const connections of this.byUser.values()) for (const connection of connections) connection.close(CloseCode.goingAway, 'The server is shutting down');
    });
  }

  /** Mercurius' subscription options: graphql-ws on /graphql, each connection authenticated by `accept`. */
  subscriptionOptions() {
    const connections = this;
    return {
      // At the upgrade: a socket that sends no connection_init in time is dropped.
      verifyClient: ({ req }: { req: IncomingMessage }) => {
        const timer = setTimeout(() => connections.initialised.has(req) || req.socket.destroy(), INITIALISATION_TIMEOUT_MS);
        req.socket.once('close', () => clearTimeout(timer));
        return true;
      },
      // The GraphQL context of every subscription: `req` is the upgrade request, as `{ req }` is for HTTP.
      context: (_socket: WebSocket, request: Request) => ({ req: request }),
      // Mercurius calls onConnect as a method of the connection: `this` holds its socket and request.
      onConnect: async function (this: MercuriusConnection, message: { payload?: unknown }): Promise<boolean> {
        const accepted = await connections.accept(this.socket, this.context.request, message.payload);
        if (accepted) connections.refusePublicly(this);
        return accepted;
      },
    };
  }

  /**
   * What fails as a subscription starts (variables graphql-js refuses, what a resolver throws),
   * Mercurius sends as it is, without the error formatter of HTTP requests: graphql-js' guesses
   * at the schema ("Did you mean"), no code, an internal error's own words. An error without a
   * code leaves this connection as the API's refusals do, in its person's language. An
   * operationName that names no operation of the query, which crashes Mercurius itself, is
   * refused first, as it is over HTTP, and so is a query or a mutation (they are sent over HTTP)
   * and anything but GraphQL text.
   */
  private refusePublicly(connection: MercuriusConnection): void {
    const send = connection.sendError.bind(connection);
    const start = connection.handleGQLStart.bind(connection);
    const language = this.languageOf(connection.context.request);
    const formatted = (error: unknown) =>
      toPublicError(error instanceof GraphQLError ? error : new GraphQLError(String((error as Error)?.message ?? error), { originalError: error as Error }), this.config.exposesInternals, this.config.isProduction, language);
    connection.sendError = (error, id) => send(error instanceof GraphQLError && error.extensions.code ? error : formatted(error), id);
    connection.handleGQLStart = async (message) => {
      const { query, operationName } = message.payload ?? {};
      // Mercurius would take a syntax tree too, as over HTTP the API does not (graphqlOptions' preValidation).
      if (typeof query !== 'string') throw BadUserInputError.field('query', 'must be GraphQL text');
      // A query that does not parse is Mercurius' to refuse (GRAPHQL_PARSE_FAILED).
      const document = parsedOrNull(query);
      if (document && operationNamed(document, operationName).operation !== OperationTypeNode.SUBSCRIPTION) {
        throw BadUserInputError.field('query', 'must be a subscription: queries and mutations are sent over HTTP');
      }
      return start(message);
    };
  }

  /** The connection a subscription runs on. */
  of(request: Request): LiveConnection {
    const connection = this.byRequest.get(request);
    if (!connection) throw new UnauthenticatedError('A valid access token is required');
    return connection;
  }

  /** The language of a connection's refusals: its person's, from the access token. */
  languageOf(request: Request): MessageLanguage {
    return this.byRequest.get(request)?.language ?? 'en';
  }

  /** Told of every event by the hub: a session that ended closes its connections. */
  observe(event: ActivityEvent): void {
    if (event.kind !== ActivityKind.sessionEnded || !event.recipientId) return;
    for (const connection of this.byUser.get(event.recipientId) ?? []) {
      if (connection.actor.sessionId === event.resourceId) connection.close(CloseCode.forbidden, 'The session ended');
    }
  }

  /** Authenticates a connection_init; a refusal closes the socket with its code. */
  async accept(socket: WebSocket, request: Request, payload: unknown): Promise<boolean> {
    this.initialised.add(request.raw);
    if (this.byRequest.has(request)) return refuse(socket, CloseCode.tooManyConnections, 'Too many initialisation requests');
    const authorization = (payload as { authorization?: unknown } | null | undefined)?.authorization;
    // The token of connection_init is the connection's, whatever the upgrade request carried.
    if (typeof authorization === 'string') request.headers.authorization = authorization;
    else delete request.headers.authorization;
    let actor: Actor | null;
    try {
      actor = await this.authenticator.callerOf(request);
    } catch {
      // The session could not be checked (the database away or saturated): the client may retry.
      return refuse(socket, CloseCode.tryAgainLater, 'The server is busy; try again shortly');
    }
    // The client may have gone while the session was checked: nothing to register then.
    if (socket.readyState !== WebSocket.OPEN) return false;
    if (!actor) return refuse(socket, CloseCode.unauthorized, 'A valid access token is required');
    // An integration's token is scoped to the operations it calls; a stream of everything its
    // creator may see is no such operation.
    if (actor.apiToken) return refuse(socket, CloseCode.forbidden, 'API tokens may not subscribe');
    const claims = this.authenticator.claimsOf(request) as { exp?: number; lang?: MessageLanguage } | null;
    if (!claims?.exp) return refuse(socket, CloseCode.unauthorized, 'A valid access token is required');
    const mine = this.byUser.get(actor.userId) ?? new Set<LiveConnection>();
    if (mine.size >= this.config.CONNECTIONS_PER_USER) return refuse(socket, CloseCode.tooManyConnections, 'Too many live connections');
    const connection = new LiveConnection(socket, actor, claims.lang ?? 'en', claims.exp * 1000);
    mine.add(connection);
    this.byUser.set(actor.userId, mine);
    this.byRequest.set(request, connection);
    const expiry = setTimeout(() => connection.close(CloseCode.unauthorized, 'The access token expired'), Math.min(Math.max(0, connection.expiresAt - Date.now()), LONGEST_TIMER_MS));
    socket.once('close', () => {
      clearTimeout(expiry);
      mine.delete(connection);
      if (!mine.size) this.byUser.delete(actor.userId);
    });
    return true;
  }
}

function refuse(socket: WebSocket, code: number, reason: string): false {
  socket.close(code, reason);
  return false;
}

function parsedOrNull(query: string): DocumentNode | null {
  try {
    return parse(query);
  } catch {
    return null;
  }
}
