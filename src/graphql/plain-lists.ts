import { defaultFieldResolver, getNamedType, getNullableType, GraphQLField, GraphQLSchema, isCompositeType, isListType, isObjectType } from 'graphql';
import { holdListsTo, ListBudget } from '../common/list-budget';
import { loadersOf } from '../common/loaders';
import { GraphQLContext } from '../common/request-context';
import { isPaged } from './query-cost';

/** A list of objects that is not a page: its length is whatever the data holds. */
function isPlainListOfObjects(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNullableType(field.type);
  return isListType(type) && isCompositeType(getNamedType(type)) && !isPaged(field);
}

const counted = <T>(budget: ListBudget, list: T): T => {
  if (Array.isArray(list)) budget.spend(list.length);
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
      if (!isPlainListOfObjects(field)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: GraphQLContext, info) => {
        const list: unknown = resolve(source, args, context, info);
        if (info.operation.operation === 'subscription') return list;
        const budget = loadersOf(context.req).listBudget(limit);
        return list instanceof Promise ? list.then((resolved: unknown) => counted(budget, resolved)) : counted(budget, list);
      };
    }
  }
  return schema;
}
