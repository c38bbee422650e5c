import { Module } from '@nestjs/common';
import { GraphiqlController } from './graphiql.controller';
import { RateLimitResolver } from './rate-limit.resolver';

/** What the request pipeline adds to the schema: `rateLimit`; and GraphiQL, served offline. */
@Module({ controllers: [GraphiqlController], providers: [RateLimitResolver] })
export class GraphqlEdgeModule {}
