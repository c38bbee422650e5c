import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';
import { FeedFetchingModule } from '../sources';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics.service';
import { countRequests } from './request-metrics';

@Module({
  imports: [FeedFetchingModule],
  providers: [Metrics],
  controllers: [MetricsController],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: Metrics,
  ) {}

  /** Before Fastify is ready, which is when hooks may still be added (benchmarks on Express count nothing). */
  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() === 'fastify') countRequests(adapter.getInstance<FastifyInstance>(), this.metrics);
  }
}
