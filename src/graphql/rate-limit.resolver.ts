import { Context, Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth';
import { LimitedContext } from './query-limits';

@ObjectType({ description: "The cost of this query and what is left of the caller's hourly budget (per user, or per address when anonymous)" })
export class RateLimit {
  @Field(() => Int, { description: 'What this query cost: objects it may return, lists counted at their page size' })
  cost: number;

  @Field(() => Int, { description: 'The budget of an hour' })
  limit: number;

  @Field(() => Int, { description: 'What is left of it, this query paid' })
  remaining: number;

  @Field({ description: 'When the budget is whole again' })
  resetAt: Date;
}

@Resolver()
export class RateLimitResolver {
  /** Measured before execution by the query limits (query-limits.ts), which always run first. */
  @Public()
  @Query(() => RateLimit)
  rateLimit(@Context() context: LimitedContext): RateLimit {
    return context.rateLimit!;
  }
}
