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
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

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

function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const scalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);
    if (Array.isArray(values) && values.length === length && values.every(scalar)) return values;
  } catch {
    // fall through to the refusal below
  }
  throw BadUserInputError.field('after', 'is not a cursor from this list');
}

/**
 * Keyset pagination in SQL: the page is `WHERE (keys) < (cursor)` ordered by the keys, so a deep
 * page costs what the first one does. Reads one row more than asked to know whether a next page exists.
 * Given the GraphQL selection of the nodes, the page's rows are their SQL projection (one statement
 * for the nodes and everything they select, see common/projection) when it can be compiled.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  ordering: Ordering<T>,
  selection?: NodeSelection,
): Promise<Connection<T>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const counted = query.clone();
  const page = query.clone();
  const tuple = `(${ordering.keys.map((key) => key.expression).join(', ')})`;
  if (args.after) {
    const values = decodeCursor(args.after, ordering.keys.length);
    const params = Object.fromEntries(values.map((value, index) => [`__cursor${index}`, value]));
    const placeholders = values.map((_, index) => `:__cursor${index}`).join(', ');
    page.andWhere(`${tuple} ${ordering.direction === 'DESC' ? '<' : '>'} (${placeholders})`, params);
  }
  ordering.keys.forEach((key, index) =>
    index === 0 ? page.orderBy(key.expression, ordering.direction) : page.addOrderBy(key.expression, ordering.direction),
  );
  page.limit(first + 1);
  const projected = selection && selectProjection(page, selection, ordering.keys.map((key) => key.expression));
  const load = async (): Promise<{ node: T; keys: unknown[] }[]> =>
    projected
      ? (await projected()).map((row) => ({ node: row.node, keys: row.extra }))
      : (await page.getMany()).map((node) => ({ node, keys: ordering.keys.map((key) => key.value(node)) }));
  const rows = first === 0 ? [] : await load().catch((error: unknown) => {
    // A forged cursor whose values do not fit the columns (SQLSTATE class 22, data exception) is the caller's error.
    const sqlState = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
    throw args.after && sqlState?.startsWith('22') ? BadUserInputError.field('after', 'is not a cursor from this list') : error;
  });
  const edges = rows.slice(0, first).map(({ node, keys }) => ({
    node,
    cursor: encodeCursor(keys.map(normalizeCursorValue)),
  }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    get totalCount() {
      return counted.getCount();
    },
  };
}

function normalizeCursorValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
