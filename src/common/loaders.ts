import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import DataLoader from 'dataloader';
import { ListBudget } from './list-budget';
import { requestOf } from './request-context';

/** A batch's values in the order of its keys; an Error for a key rejects that key's load only. */
export type BatchLoad<K, V> = (keys: readonly K[]) => Promise<readonly (V | Error)[]>;

/**
 * The DataLoaders of one request. Resolvers ask for a loader by name; the first call of a request
 * creates it, so every field resolved in that request shares one batch per name, and the number of
 * SQL queries does not grow with the page size.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  private lists?: ListBudget;

  /** What the request's plain lists may still return (see ListBudget), `limit` being GRAPHQL_MAX_COST. */
  listBudget(limit: number): ListBudget {
    this.lists ??= new ListBudget(limit);
    return this.lists;
  }

  /**
   * The loader `name` of a plain list per key that grows with use (a thread's comments, an event's
   * sessions): each batch is read by `read`, in the order of the keys, with a limit of one row past
   * what the request's lists may still return (ListBudget.read), then grouped by key. When the
   * batch finds that many, the lists before the one its last row belongs to are whole and within
   * the limit; that one and those after it may hold more, and are refused.
   */
  growingLists<K, V>(name: string, limit: number, read: (keys: readonly K[], rows: number) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
    const budget = this.listBudget(limit);
    return this.get<K, V[]>(name, async (keys) => {
      const { rows, refusal } = await budget.read((rows) => read(keys, rows));
      const lists = groupByKeys(keys, rows, keyOf);
      if (!refusal) return lists;
      const past = keys.indexOf(keyOf(rows[rows.length - 1]));
      return lists.map((list, index) => (index < past ? list : refusal));
    });
  }

  get<K, V>(name: string, load: BatchLoad<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(load, { maxBatchSize: 1000 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

const registries = new WeakMap<object, RequestLoaders>();

/** The loaders of a request; for field resolvers bound directly by Nest, which read the request off the GraphQL context. */
export function loadersOf(request: object): RequestLoaders {
  let registry = registries.get(request);
  if (!registry) {
    registry = new RequestLoaders();
    registries.set(request, registry);
  }
  return registry;
}

export const Loaders = createParamDecorator((_: unknown, context: ExecutionContext): RequestLoaders => loadersOf(requestOf(context)));

/** Orders rows found for a batch of keys as the keys are, with null for a key with no row. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

/** Groups rows found for a batch of keys, one (possibly empty) list per key. */
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}
