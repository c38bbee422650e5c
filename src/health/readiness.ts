import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';

const REDIS_PING_TIMEOUT_MS = 2000;

/** What /health/ready checks beyond a database ping: no migration pending, Redis answering when configured. */
@Injectable()
export class Readiness implements OnModuleDestroy {
  private redis?: Redis;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Up when every migration this build knows has run on the database. */
  async migrations(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('migrations');
    try {
      return (await this.dataSource.showMigrations()) ? check.down({ message: 'A migration is pending' }) : check.up();
    } catch {
      return check.down({ message: 'The applied migrations could not be read' });
    }
  }

  /** Up without REDIS_URL; else when Redis answers a PING in time. */
  async redisReachable(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('redis');
    if (!this.config.REDIS_URL) return check.up({ configured: false });
    // Commands fail at once while disconnected, instead of queueing behind a reconnection.
    this.redis ??= new Redis(this.config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      await Promise.race([this.redis.ping(), new Promise((_, reject) => setTimeout(reject, REDIS_PING_TIMEOUT_MS).unref())]);
      return check.up();
    } catch {
      return check.down({ message: 'Redis does not answer' });
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.redis?.disconnect();
  }
}
