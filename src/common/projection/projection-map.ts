import { Type } from '@nestjs/common';

/** What a relation's SQL may name: the child's and the parent's columns by property, and the field's arguments as bind parameters. */
export interface RelationSql {
  child(property: string): string;
  parent(property: string): string;
  /** A bind parameter holding the value of the GraphQL argument `name`, never its text. */
  arg(name: string): string;
}

export type SortOrder = Record<string, 'ASC' | 'DESC'>;

/**
 * One field of a GraphQL object type resolved in SQL as related rows of another entity:
 * - `one`: the row a many-to-one relation of the parent points to (`via` names that relation of the parent);
 * - `many`: the rows whose many-to-one relation `via` points to the parent, in `orderBy` order
 *   (`grows`: a list that grows with use, read no further than a request's lists may hold);
 * - `first`: the first of those rows in `orderBy` order, or null.
 * `where` adds a condition, typically on the field's arguments.
 */
export type ProjectedRelation =
  | { kind: 'one'; via: string; where?: (sql: RelationSql) => string }
  | { kind: 'one'; target: () => Type<unknown>; where: (sql: RelationSql) => string }
  | { kind: 'many' | 'first'; target: () => Type<unknown>; via: string; orderBy: SortOrder; where?: (sql: RelationSql) => string; grows?: true };

export interface TypeProjection {
  /** The fields read from the projection (see projectedValue) when it computed them, their resolvers loading them otherwise. */
  relations: Record<string, ProjectedRelation>;
}

const projections = new Map<Type<unknown>, TypeProjection>();

/**
 * The SQL projection of a GraphQL object type that is also an entity. Its scalar fields come from
 * the entity's columns (a field with no resolver of its own reads the property of the same name);
 * only the relations need declaring, once, by the module that owns the type. Fields with a resolver
 * that is not declared here keep that resolver, which receives the row with every column.
 */
export function defineProjection(entity: Type<unknown>, projection: TypeProjection): void {
  projections.set(entity, projection);
}

/** The declared projection of an entity; an entity without one projects its columns only. */
export function projectionOf(entity: Type<unknown>): TypeProjection | undefined {
  return projections.get(entity);
}

/** The row of a many-to-one relation of the parent (`via`), e.g. an author's `user`. */
export const one = (via: string): ProjectedRelation => ({ kind: 'one', via });

/** The row of `target` found by `where` when the parent has no relation declared to it, e.g. a comment's author. */
export const oneWhere = (target: () => Type<unknown>, where: (sql: RelationSql) => string): ProjectedRelation => ({ kind: 'one', target, where });

/** The rows of `target` whose many-to-one relation `via` is the parent, e.g. an article's authors. */
export const many = (target: () => Type<unknown>, via: string, orderBy: SortOrder, where?: (sql: RelationSql) => string): ProjectedRelation => ({
  kind: 'many',
  target,
  via,
  orderBy,
  where,
});

/**
 * The rows of `target` whose relation `via` is the parent, as `many`, for a list that grows with
 * use (an article's comments, its revisions): read one row past what a request's lists may return
 * (ListBudget), so that a long one is refused, never read whole. Other lists are bounded by what
 * they are (an article's authors) and spared the cost of that limit.
 */
export const growingMany = (target: () => Type<unknown>, via: string, orderBy: SortOrder, where?: (sql: RelationSql) => string): ProjectedRelation => ({
  kind: 'many',
  target,
  via,
  orderBy,
  where,
  grows: true,
});

/** The first of those rows, or null, e.g. the latest revision of one language. */
export const first = (target: () => Type<unknown>, via: string, orderBy: SortOrder, where?: (sql: RelationSql) => string): ProjectedRelation => ({
  kind: 'first',
  target,
  via,
  orderBy,
  where,
});
