import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Orders the rows of a batch of several keys first as its keys are (`keyOf` is the SQL of a
 * row's key), as RequestLoaders.growingLists reads them: when a limit cuts the batch, it cuts it
 * at one key, the lists before it whole. Each list's own order is added after. A batch of one key
 * is left to its index's order, which its limit stops reading early; a batch with no limit is not
 * cut.
 */
export function inOrderOfKeys<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, keyOf: string, keys: readonly string[], type: 'uuid' | 'text', limit: number | undefined): SelectQueryBuilder<T> {
  if (limit === undefined) return query;
  const limited = query.limit(limit);
  return keys.length > 1 ? limited.orderBy(`array_position(CAST(:keysInOrder AS ${type}[]), ${keyOf})`).setParameter('keysInOrder', keys) : limited;
}
