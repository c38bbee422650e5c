import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth';
import { Readiness } from './readiness';

const DATABASE_PING_TIMEOUT_MS = 2000;

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly readiness: Readiness,
  ) {}

  /** 200 when the database answers, 503 otherwise (kept for what probed it before /health/ready). */
  @Public()
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.databasePing()]);
  }

  /** The process runs and answers: no dependency is asked, so an outage elsewhere does not get it restarted. */
  @Public()
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Ready for traffic: the database answers, no migration is pending, Redis answers when configured. */
  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      // One after the other: a probe holds at most one connection of the pool (the embedded database has only one).
      async () => ({ ...(await this.databasePing()), ...(await this.readiness.migrations()) }),
      () => this.readiness.redisReachable(),
    ]);
  }

  private databasePing() {
    return this.database.pingCheck('database', { timeout: DATABASE_PING_TIMEOUT_MS });
  }
}
