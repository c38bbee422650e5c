import { Controller, Get, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth';
import { NotFoundError, UnauthenticatedError } from '../common/errors';
import { AppConfig } from '../config/config';
import { mayReadMetrics } from './metrics-access';
import { Metrics } from './metrics.service';

/** `GET /metrics`, in Prometheus's text format, for a scraper holding METRICS_TOKEN. */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async scrape(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    // Not configured: the address does not exist, as far as anyone can tell.
    if (!this.config.METRICS_TOKEN) throw new NotFoundError('Route');
    if (!mayReadMetrics(this.config.METRICS_TOKEN, request.headers.authorization)) throw new UnauthenticatedError('The metrics token is required');
    return reply
      .header('content-type', this.metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(await this.metrics.registry.metrics());
  }
}
