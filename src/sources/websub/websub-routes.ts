import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendRefusal } from '../../common/app-error.filter';
import { databaseUnavailable } from '../../database';
import { DEFAULT_MAX_BYTES } from '../fetcher/safe-http';
import { HubAnswer, WebSubCallbackService } from './websub-callback.service';

interface CallbackRoute {
  Params: { subscriptionId: string };
  Querystring: Record<string, string | undefined>;
}

/**
 * `/websub/{subscriptionId}` on Fastify, in a plugin of its own: its content-type parser keeps
 * every body as raw bytes (the signature is over them) for these routes only, with the size
 * limit of a fetched feed. Public by nature: the subscription id and the signature are the proof.
 */
@Injectable()
export class WebSubRoutes implements OnModuleInit {
  private readonly logger = new Logger(WebSubRoutes.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly callbacks: WebSubCallbackService,
  ) {}

  /** Before Fastify is ready, when plugins may still be registered; a process without HTTP (the worker) has none. */
  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'fastify') return;
    void adapter.getInstance<FastifyInstance>().register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: DEFAULT_MAX_BYTES }, (_request, body, done) => done(null, body));
      scope.get<CallbackRoute>('/websub/:subscriptionId', (request, reply) =>
        this.answer(request, reply, () =>
          this.callbacks.verifyIntent(request.params.subscriptionId, {
            mode: request.query['hub.mode'],
            topic: request.query['hub.topic'],
            challenge: request.query['hub.challenge'],
            leaseSeconds: request.query['hub.lease_seconds'],
            reason: request.query['hub.reason'],
          }),
        ),
      );
      scope.post<CallbackRoute & { Body: Buffer }>('/websub/:subscriptionId', (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const signature = request.headers['x-hub-signature'];
        return this.answer(request, reply, () => this.callbacks.distribute(request.params.subscriptionId, body, request.headers['content-type'], Array.isArray(signature) ? signature[0] : signature));
      });
    });
  }

  /**
   * Sends what the callback decided. A database out of reach is a 503 that says when to come back,
   * as on every route; another failure is logged and answered 500 without its details (the hub retries).
   */
  private async answer(request: FastifyRequest, reply: FastifyReply, decide: () => Promise<HubAnswer>): Promise<FastifyReply> {
    let answer: HubAnswer;
    try {
      answer = await decide();
    } catch (error) {
      const unavailable = databaseUnavailable(error);
      if (unavailable) return sendRefusal(request, reply, unavailable);
      this.logger.error({ err: error }, 'A WebSub callback failed');
      answer = { status: 500, body: 'The callback failed; try again later' };
    }
    if (answer.retryAfterSeconds) reply.header('retry-after', String(answer.retryAfterSeconds));
    return reply.code(answer.status).type('text/plain; charset=utf-8').send(answer.body);
  }
}
