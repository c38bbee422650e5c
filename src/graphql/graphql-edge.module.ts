import { Module } from '@nestjs/common';
import { RateLimitResolver } from './rate-limit.resolver';

/** What the request pipeline adds to the schema: `rateLimit`. */
@Module({ providers: [RateLimitResolver] })
export class GraphqlEdgeModule {}
