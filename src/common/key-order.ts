import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Orders the rows of a batch first as its keys are (`keyOf` is the SQL of a row's key), as
 * RequestLoaders.growingLists reads them: when a limit cuts the batch, it cuts it at one key, the
 * lists before it whole. Each list's own order is added after.
 */
export function inOrderOfKeys<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, keyOf: string, keys: readonly string[], type: 'uuid' | 'text'): SelectQueryBuilder<T> {
  return query.orderBy(`array_position(CAST(:keysInOrder AS ${type}[]), ${keyOf})`).setParameter('keysInOrder', keys);
}
