import { GraphQLSchema } from 'graphql';
import { QueryTooComplexError } from './errors';

const limits = new WeakMap<GraphQLSchema, number>();

/** Gives `schema` the limit of what the plain lists of one of its requests may return (GRAPHQL_MAX_COST). */
export function holdListsTo(schema: GraphQLSchema, limit: number): void {
  limits.set(schema, limit);
}

/** How many rows one plain list of `schema` is read at most: one past its limit, which it cannot pass; null when it has none. */
export function listRowsOf(schema: GraphQLSchema): number | null {
  const limit = limits.get(schema);
  return limit === undefined ? null : limit + 1;
}

/**
 * The objects of plain lists (not pages: `comments`, `sessions`, `memberships`) one request returns
 * in all, held to the request's cost limit (GRAPHQL_MAX_COST). Such a list's length is not known
 * before the query runs, so its static cost counts it as a page of 20 (src/graphql/query-cost.ts);
 * this holds what the query really returns to the same limit: each list is counted as it is
 * resolved, aliases of one list each time, and a store reads at most one row more than is left,
 * so that one list of ten thousand comments is refused before it is read whole.
 */
export class ListBudget {
  private spent = 0;

  constructor(readonly limit: number) {}

  /** How many more objects the request may return; a store reads one more, to tell a list that goes past it. */
  get left(): number {
    return Math.max(this.limit - this.spent, 0);
  }

  /** Counts a list returned: QUERY_TOO_COMPLEX once the request's lists hold more than the limit. */
  spend(count: number): void {
    this.spent += count;
    if (this.spent > this.limit) throw this.exceeded(this.spent);
  }

  /**
   * The rows of a batch of plain lists, read by `read` with a limit of one more than is left, and
   * the refusal (QUERY_TOO_COMPLEX) of the lists that may go past it when it finds that many.
   */
  async read<T>(read: (limit: number) => Promise<T[]>): Promise<{ rows: T[]; refusal?: QueryTooComplexError }> {
    const rows = await read(this.left + 1);
    return rows.length > this.left ? { rows, refusal: this.exceeded(this.spent + rows.length) } : { rows };
  }

  private exceeded(cost: number): QueryTooComplexError {
    return new QueryTooComplexError(`The lists of the query hold more than ${this.limit} objects; ask for fewer at once`, { cost, limit: this.limit });
  }
}
