import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DocumentNode, GraphQLResolveInfo, Kind } from 'graphql';
import { AppConfig } from '../config/config';
import { withinLimits } from '../graphql/query-limits';

/**
 * A subscription is measured as a query is, when it starts: its selection runs for every event,
 * so GRAPHQL_MAX_COST and GRAPHQL_MAX_ALIASES hold for it too (QUERY_TOO_COMPLEX). Here rather
 * than in a Mercurius hook, which is not given a subscription's variables, and page sizes may be
 * variables. A started subscription spends no query budget: its events are the server's doing.
 */
@Injectable()
export class SubscriptionWithinLimits implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [info.operation, ...Object.values(info.fragments)] };
    withinLimits(this.config, info.schema, document, info.operation, info.variableValues);
    return true;
  }
}
