import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import { MailOutbox } from '../mail';
import { FetchObserver, FetchScheduler } from '../sources';

/** Seconds: from a cached query to a slow page of search results. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The process's metrics, in one registry of its own (not prom-client's global one, so that several
 * apps in one process — the tests — count apart): requests, the database pool, the fetch backlog
 * and fetch outcomes, and Node's own (CPU, memory, event loop lag, GC).
 */
@Injectable()
export class Metrics {
  private readonly logger = new Logger(Metrics.name);
  readonly registry = new Registry();

  private readonly graphqlRequests = new Counter({
    name: 'tandem_graphql_requests_total',
    help: 'GraphQL requests by operation name and outcome (OK, or the first error code)',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  private readonly graphqlLatency = new Histogram({
    name: 'tandem_graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request, by operation name',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly httpRequests = new Counter({
    name: 'tandem_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpLatency = new Histogram({
    name: 'tandem_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route',
    labelNames: ['route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly fetches = new Counter({
    name: 'tandem_feed_fetches_total',
    help: 'Feed fetches by outcome (FETCHED, NOT_MODIFIED, UNCHANGED, FAILED, REFUSED, busy, skipped)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor(dataSource: DataSource, scheduler: FetchScheduler, observer: FetchObserver, outbox: MailOutbox) {
    collectDefaultMetrics({ register: this.registry });
    observer.onFetched((outcome) => this.fetches.inc({ outcome }));
    const pool = () => (dataSource.driver as unknown as { master?: Pool }).master;
    new Gauge({
      name: 'tandem_db_pool_connections',
      help: 'Connections of the database pool: total, idle, busy',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const current = pool();
        if (!current) return;
        this.set({ state: 'total' }, current.totalCount);
        this.set({ state: 'idle' }, current.idleCount);
        this.set({ state: 'busy' }, current.totalCount - current.idleCount);
      },
    });
    new Gauge({
      name: 'tandem_db_pool_waiting_requests',
      help: 'Queries waiting for a free connection of the database pool',
      registers: [this.registry],
      collect() {
        this.set(pool()?.waitingCount ?? 0);
      },
    });
    const logger = this.logger;
    new Gauge({
      name: 'tandem_fetch_queue_jobs',
      help: 'Feed fetches waiting: BullMQ job counts by state with REDIS_URL, else the sources due now (state "due")',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        try {
          for (const [state, count] of Object.entries(await scheduler.backlog())) this.set({ state }, count);
        } catch (error) {
          // A scrape during a Redis or database outage still reports everything else.
          logger.warn({ err: error }, 'The fetch backlog could not be measured');
        }
      },
    });
    new Gauge({
      name: 'tandem_mail_outbox_messages',
      help: 'Messages of the mail outbox waiting (queued), being sent (sending) and failed for good (failed)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        try {
          for (const [state, count] of Object.entries(await outbox.backlog())) this.set({ state }, count);
        } catch (error) {
          logger.warn({ err: error }, 'The mail outbox could not be measured');
        }
      },
    });
  }

  graphqlAnswered(operation: string, code: string, seconds: number): void {
    this.graphqlRequests.inc({ operation, code });
    this.graphqlLatency.observe({ operation }, seconds);
  }

  httpAnswered(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method, route, status: String(status) });
    this.httpLatency.observe({ route }, seconds);
  }
}
