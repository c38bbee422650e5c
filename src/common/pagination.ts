import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { Type } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from './errors';
import { NodeSelection, selectProjection } from './projection';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `At most ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when omitted` })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field({ nullable: true, description: 'The endCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;

  @Field(() => Int, { nullable: true, description: `The last nodes before \`before\` (or of the list); at most ${MAX_PAGE_SIZE}. Not with \`first\`` })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  last?: number;

  @Field({ nullable: true, description: 'The startCursor of the next page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  before?: string;
}

@ObjectType()
export class PageInfo {
  @Field({ description: 'Whether nodes follow this page (known when paging forward: false when paging backward)' })
  hasNextPage: boolean;

  @Field({ description: 'Whether nodes precede this page (known when paging backward: false when paging forward)' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Counted only when a client asks for it: a getter, read by GraphQL when the field is selected. */
  readonly totalCount: Promise<number>;
}

/** The Relay connection type of a node type: `<Node>Connection { edges { cursor node } pageInfo totalCount }`. */
export function ConnectionType<T>(nodeType: Type<T>, name = nodeType.name): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: Promise<number>;
  }
  return ConnectionClass;
}

/** One column of a keyset ordering: the SQL expression and how to read its value off a loaded row. */
export interface SortKey<T> {
  expression: string;
  value: (node: T) => unknown;
}

export interface Ordering<T> {
  direction: 'ASC' | 'DESC';
  /** Must end with a unique column, so that the order is total and no row is skipped or repeated. */
  keys: SortKey<T>[];
}

/** The most common order: by creation time, then id — `alias.created_at, alias.id`. */
export function byCreation<T extends { createdAt: Date; id: string }>(alias: string, direction: 'ASC' | 'DESC'): Ordering<T> {
  return {
    direction,
    keys: [
      { expression: `${alias}.created_at`, value: (node) => node.createdAt },
      { expression: `${alias}.id`, value: (node) => node.id },
    ],
  };
}

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * What to throw for `error`, failing the statement of a page read from a cursor: a forged cursor
 * whose values do not fit the columns (SQLSTATE class 22, data exception) is the caller's error.
 */
export function cursorRefusal(error: unknown, argument: 'after' | 'before'): unknown {
  const sqlState = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
  return sqlState?.startsWith('22') ? BadUserInputError.field(argument, 'is not a cursor from this list') : error;
}

function decodeCursor(cursor: string, length: number, argument: 'after' | 'before'): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const scalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);
    if (Array.isArray(values) && values.length === length && values.every(scalar)) return values;
  } catch {
    // fall through to the refusal below
  }
  throw BadUserInputError.field(argument, 'is not a cursor from this list');
}

/** Which way a page goes, how many nodes it takes, and from which cursor: forward (first/after) or backward (last/before). */
interface PageRequest {
  backward: boolean;
  size: number;
  cursor?: { argument: 'after' | 'before'; value: string };
}

/**
 * A page goes one way: `first`/`after` forward, `last`/`before` backward. Mixing them (Relay allows
 * it, and advises against it) is refused, so that every page is one keyset range.
 */
function pageRequest(args: PageArgs): PageRequest {
  const forward = args.first !== undefined || args.after !== undefined;
  const backward = args.last !== undefined || args.before !== undefined;
  if (forward && backward) {
    throw BadUserInputError.field(args.last !== undefined ? 'last' : 'before', 'cannot be combined with first or after: page forward or backward');
  }
  if (backward) {
    return { backward, size: args.last ?? DEFAULT_PAGE_SIZE, cursor: args.before ? { argument: 'before', value: args.before } : undefined };
  }
  return { backward, size: args.first ?? DEFAULT_PAGE_SIZE, cursor: args.after ? { argument: 'after', value: args.after } : undefined };
}

/**
 * Keyset pagination in SQL: the page is `WHERE (keys) < (cursor)` ordered by the keys, so a deep
 * page costs what the first one does. Reads one row more than asked to know whether a further page
 * exists. Backward (`last`/`before`), the order is reversed in SQL and the page put back in the list's order.
 * Given the GraphQL selection of the nodes, the page's rows are their SQL projection (one statement
 * for the nodes and everything they select, see common/projection) when it can be compiled.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  ordering: Ordering<T>,
  selection?: NodeSelection,
): Promise<Connection<T>> {
  const request = pageRequest(args);
  // The page is built on a copy; `query`, no longer changed, is what totalCount counts when asked.
  const page = query.clone();
  const tuple = `(${ordering.keys.map((key) => key.expression).join(', ')})`;
  // Read backward, the list's order is reversed: the nodes just before the cursor come first.
  const direction = request.backward ? (ordering.direction === 'DESC' ? 'ASC' : 'DESC') : ordering.direction;
  if (request.cursor) {
    const values = decodeCursor(request.cursor.value, ordering.keys.length, request.cursor.argument);
    const params = Object.fromEntries(values.map((value, index) => [`__cursor${index}`, value]));
    const placeholders = values.map((_, index) => `:__cursor${index}`).join(', ');
    page.andWhere(`${tuple} ${direction === 'DESC' ? '<' : '>'} (${placeholders})`, params);
  }
  ordering.keys.forEach((key, index) =>
    index === 0 ? page.orderBy(key.expression, direction) : page.addOrderBy(key.expression, direction),
  );
  page.limit(request.size + 1);
  const projected = selection && selectProjection(page, selection, ordering.keys.map((key) => key.expression));
  const load = async (): Promise<{ node: T; keys: unknown[] }[]> =>
    projected
      ? (await projected()).map((row) => ({ node: row.node, keys: row.extra }))
      : (await page.getMany()).map((node) => ({ node, keys: ordering.keys.map((key) => key.value(node)) }));
  const rows = request.size === 0 ? [] : await load().catch((error: unknown) => {
    throw request.cursor ? cursorRefusal(error, request.cursor.argument) : error;
  });
  const more = rows.length > request.size;
  const taken = rows.slice(0, request.size);
  if (request.backward) taken.reverse();
  const edges = taken.map(({ node, keys }) => new KeysetEdge(node, keys));
  return {
    edges,
    // Relay: the side the page was not read toward is reported false, which the spec allows when knowing costs a query.
    pageInfo: {
      hasNextPage: !request.backward && more,
      hasPreviousPage: request.backward && more,
      startCursor: edges.at(0)?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      return query.getCount();
    },
  };
}

/** An edge of a keyset page: its cursor is encoded only if someone reads it (most pages ask for nodes alone). */
class KeysetEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly keys: unknown[],
  ) {}

  get cursor(): string {
    return encodeCursor(this.keys.map(normalizeCursorValue));
  }
}

function normalizeCursorValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
