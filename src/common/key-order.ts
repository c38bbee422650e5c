import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** A list kept per key (the comments of an article, the sessions of an event): what a store reads in batches of keys. */
export interface KeyedList {
  /** The table of the list's rows, each with its `id`; the store's query reads it as `alias`. */
  table: string;
  alias: string;
  /** The columns of a row's key, with their SQL types. */
  key: readonly { column: string; type: string }[];
  /** The order of one key's list: an index of the table follows it after the key's columns. */
  order: readonly { column: string; direction: 'ASC' | 'DESC' }[];
}

/**
 * The lists of `keys` (a value per key column each), read by `query` (of `list.alias`), each in
 * its own order. With a limit, at most `limit` rows in all, as RequestLoaders.growingLists reads
 * them: key by key as they are given, so that the limit cuts the batch at one key, the lists
 * before it whole; and of each key no more than `limit` rows, read through its index (sorting
 * every row of the batch's keys first read a thread of 100,000 comments whole to return 101). A
 * batch of one key is read in its index's order, which its limit stops early; a batch with no
 * limit is not cut.
 */
export function listsOfKeys<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, list: KeyedList, keys: readonly (readonly string[])[], limit: number | undefined): SelectQueryBuilder<T> {
  const ordered = (row: string) => list.order.map(({ column, direction }) => `${row}.${column} ${direction}`).join(', ');
  let read: SelectQueryBuilder<T>;
  if (keys.length === 1) {
    const [key] = keys;
    read = query.andWhere(
      list.key.map(({ column, type }, index) => `${list.alias}.${column} = CAST(:keyColumn${index} AS ${type})`).join(' AND '),
      Object.fromEntries(list.key.map((_, index) => [`keyColumn${index}`, key[index]])),
    );
  } else {
    const given = list.key.map(({ type }, index) => `CAST(:keyColumn${index} AS ${type}[])`).join(', ');
    const names = list.key.map((_, index) => `c${index}`).join(', ');
    const sameKey = (row: string) => list.key.map(({ column }, index) => `${row}.${column} = key.c${index}`).join(' AND ');
    read = query
      .andWhere(`(${list.key.map(({ column }) => `${list.alias}.${column}`).join(', ')}) IN (SELECT * FROM unnest(${given}))`)
      .setParameters(Object.fromEntries(list.key.map((_, index) => [`keyColumn${index}`, keys.map((key) => key[index])])));
    if (limit !== undefined) {
      read = read
        .andWhere(
          `${list.alias}.id IN (SELECT first.id FROM unnest(${given}) AS key(${names})
             CROSS JOIN LATERAL (SELECT row.id FROM ${list.table} row WHERE ${sameKey('row')} ORDER BY ${ordered('row')} LIMIT :perKey) first)`,
          { perKey: limit },
        )
        .orderBy(`(SELECT min(key.position) FROM unnest(${given}) WITH ORDINALITY AS key(${names}, position) WHERE ${sameKey(list.alias)})`);
    }
  }
  for (const { column, direction } of list.order) read = read.addOrderBy(`${list.alias}.${column}`, direction);
  return limit === undefined ? read : read.limit(limit);
}
