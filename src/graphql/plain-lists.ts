import { defaultFieldResolver, GraphQLResolveInfo, GraphQLSchema, isObjectType } from 'graphql';
import { holdListsTo, ListBudget } from '../common/list-budget';
import { loadersOf } from '../common/loaders';
import { GraphQLContext } from '../common/request-context';
import { isPlainList, listItemCost } from './query-cost';

/** Spends what a list returned: each of its objects with what it selects (listItemCost). */
const counted = <T>(budget: ListBudget, list: T, info: GraphQLResolveInfo): T => {
  if (Array.isArray(list) && list.length) budget.spend(list.length * listItemCost(info));
  return list;
};

/**
 * Holds the plain lists of objects a query returns (`comments`, `sessions`, `memberships`: not
 * pages, whose size the static cost knows) to `limit` objects in all (see ListBudget): each such
 * field counts its list as it resolves. A connection's `edges` are its page, counted already; a
 * subscription's events are counted by no request. A projection reads each list of a page with
 * a LIMIT of one past it (listRowsOf).
 */
export function withPlainListsCounted(schema: GraphQLSchema, limit: number): GraphQLSchema {
  holdListsTo(schema, limit);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getSubscriptionType()) continue;
    const fields = type.getFields();
    if (fields.pageInfo) continue;
    for (const field of Object.values(fields)) {
      if (!isPlainList(field)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: GraphQLContext, info) => {
        const list: unknown = resolve(source, args, context, info);
        if (info.operation.operation === 'subscription') return list;
        const budget = loadersOf(context.req).listBudget(limit);
        return list instanceof Promise ? list.then((resolved: unknown) => counted(budget, resolved, info)) : counted(budget, list, info);
      };
    }
  }
  return schema;
}
