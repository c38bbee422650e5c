import { Type } from '@nestjs/common';
import { FieldNode, getNamedType, GraphQLField, GraphQLObjectType, GraphQLResolveInfo, isObjectType } from 'graphql';
import { EntityMetadata } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { EmbeddedMetadata } from 'typeorm/metadata/EmbeddedMetadata';
import { RelationMetadata } from 'typeorm/metadata/RelationMetadata';
import { ProjectedRelation, projectionOf, RelationSql, SortOrder } from './projection-map';
import { ArgumentSlot, collectFields } from './selection';

/** The reserved property of a projected row under which its relations are found, by response key. */
export const PROJECTED = '__projected';
/** The bind parameter of the rows one list of a projection is read at most. */
export const LIST_ROWS = 'projection_list_rows';

/** Where the Dates of a projected row are: JSON carries timestamps as text, resolvers and the DateTime scalar expect Dates. */
export interface RowShape {
  dates: string[][];
  relations: { key: string; many: boolean; shape: RowShape }[];
}

/** A selection compiled to SQL: the JSON of one row of the list's alias, with bind parameters `:projection_<n>`. */
export interface CompiledProjection {
  json: string;
  slots: ArgumentSlot[];
  shape: RowShape;
}

/** How one entity property reads as JSON: its SQL expression, and where Dates are inside it. */
interface PropertySql {
  sql: string;
  dates: string[][];
}

// The pg driver and TypeORM give these column types to resolvers as JSON gives them (after Date revival).
const PLAIN_TYPES = new Set([
  'uuid', 'text', 'character varying', 'varchar', 'character', 'char', 'citext', 'integer', 'int', 'int4', 'smallint', 'int2',
  'real', 'float4', 'double precision', 'float8', 'boolean', 'bool', 'enum', 'simple-enum', 'json', 'jsonb', 'date',
]);
const DATE_TYPES = new Set(['timestamp with time zone', 'timestamptz', 'timestamp without time zone', 'timestamp']);
// TypeORM gives these as strings: so does the projection.
const TEXT_NUMBER_TYPES = new Set(['bigint', 'int8', 'numeric', 'decimal']);

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Compiles the selection of a list's nodes into one SQL expression that PostgreSQL evaluates to
 * each node's JSON: columns by property name (embedded texts as objects), declared relations as
 * correlated subqueries under PROJECTED by response key, and every column when a field keeps a
 * resolver of its own (which then reads the row as it reads an entity). Null when some part cannot
 * be projected: the list is then loaded as before, field by field.
 */
export function compileProjection(info: GraphQLResolveInfo, nodes: readonly FieldNode[], nodeType: GraphQLObjectType, entity: EntityMetadata, alias: string): CompiledProjection | null {
  const compiler = new Compiler(info);
  const level = compiler.level(entity, nodeType, nodes, alias);
  return level && { json: level.sql, slots: compiler.slots, shape: level.shape };
}

class Compiler {
  readonly slots: ArgumentSlot[] = [];
  private aliases = 0;

  constructor(private readonly info: GraphQLResolveInfo) {}

  level(entity: EntityMetadata, type: GraphQLObjectType, nodes: readonly FieldNode[], alias: string): { sql: string; shape: RowShape } | null {
    const fields = collectFields(this.info, type, nodes);
    if (!fields) return null;
    const declared = projectionOf(entity.target as Type<unknown>)?.relations ?? {};
    const properties = propertiesOf(entity);
    const wanted = new Set<string>();
    const relations: { key: string; sql: string; many: boolean; shape: RowShape }[] = [];
    let keepsResolvers = false;
    for (const [key, fieldNodes] of fields) {
      const name = fieldNodes[0].name.value;
      if (name === '__typename') continue;
      const field = type.getFields()[name];
      const relation = declared[name];
      if (relation) {
        const compiled = this.relation(entity, alias, relation, field, fieldNodes);
        if (!compiled) return null;
        relations.push({ key, ...compiled });
      } else if (!readsProperty(field)) {
        keepsResolvers = true;
      } else if (properties.has(name)) {
        wanted.add(name);
      } else {
        return null;
      }
    }
    const selected = keepsResolvers ? [...properties.keys()] : [...wanted];
    const pairs: string[] = [];
    const dates: string[][] = [];
    for (const property of selected) {
      const sql = properties.get(property)?.(alias);
      if (!sql) return null;
      pairs.push(`'${property}'`, sql.sql);
      dates.push(...sql.dates.map((path) => [property, ...path]));
    }
    if (relations.length) pairs.push(`'${PROJECTED}'`, jsonObject(relations.flatMap((relation) => [`'${relation.key.replace(/'/g, "''")}'`, relation.sql])));
    return {
      sql: jsonObject(pairs),
      shape: { dates, relations: relations.map(({ key, many, shape }) => ({ key, many, shape })) },
    };
  }

  private relation(
    parent: EntityMetadata,
    parentAlias: string,
    relation: ProjectedRelation,
    field: GraphQLField<unknown, unknown>,
    nodes: readonly FieldNode[],
  ): { sql: string; many: boolean; shape: RowShape } | null {
    const childType = getNamedType(field.type);
    if (!isObjectType(childType)) return null;
    const via = 'via' in relation ? relationOf(relation.kind === 'one' ? parent : parent.connection.getMetadata(relation.target()), relation.via) : undefined;
    if ('via' in relation && !via) return null;
    const child = 'target' in relation ? parent.connection.getMetadata(relation.target()) : (via as RelationMetadata).inverseEntityMetadata;
    const alias = `projection_t${++this.aliases}`;
    const sql: RelationSql = {
      child: (property) => qualified(child, alias, property),
      parent: (property) => qualified(parent, parentAlias, property),
      arg: (name) => this.slot(field, nodes[0], name),
    };
    const conditions = [
      ...(via?.joinColumns ?? []).map((column) =>
        relation.kind === 'one'
          ? `${alias}.${quoted(column.referencedColumn!.databaseName)} = ${parentAlias}.${quoted(column.databaseName)}`
          : `${alias}.${quoted(column.databaseName)} = ${parentAlias}.${quoted(column.referencedColumn!.databaseName)}`,
      ),
      ...(relation.where ? [`(${relation.where(sql)})`] : []),
    ];
    const level = this.level(child, childType, nodes, alias);
    if (!level) return null;
    const from = `FROM ${child.tablePath.split('.').map(quoted).join('.')} ${alias} WHERE ${conditions.join(' AND ')}`;
    const order = 'orderBy' in relation ? orderBy(child, alias, relation.orderBy) : '';
    switch (relation.kind) {
      case 'many': {
        // A growing list, one row past what a request's lists may return (listRowsOf): a longer one is
        // refused as it resolves, so it is never read whole. The rows keep the alias the level reads.
        const rows = 'grows' in relation ? `FROM (SELECT * ${from} ORDER BY ${order} LIMIT :${LIST_ROWS}) ${alias}` : from;
        return { sql: `(SELECT coalesce(json_agg(${level.sql} ORDER BY ${order}), '[]'::json) ${rows})`, many: true, shape: level.shape };
      }
      case 'first':
        return { sql: `(SELECT ${level.sql} ${from} ORDER BY ${order} LIMIT 1)`, many: false, shape: level.shape };
      case 'one':
        return { sql: `(SELECT ${level.sql} ${from} LIMIT 1)`, many: false, shape: level.shape };
    }
  }

  private slot(field: GraphQLField<unknown, unknown>, node: FieldNode, name: string): string {
    const argument = field.args.find((candidate) => candidate.name === name);
    if (!argument) throw new Error(`The projection of ${field.name} names an argument it does not have: ${name}`);
    this.slots.push({ node, argument });
    return `:projection_${this.slots.length - 1}`;
  }
}

/**
 * Whether a field is read off its object's property of the same name: GraphQL's default resolver, or
 * the one @nestjs/graphql gives every plain @Field.
 */
function readsProperty(field: GraphQLField<unknown, unknown>): boolean {
  return !field.resolve || field.resolve.name === 'rootFieldResolver';
}

/** json_build_object takes at most 100 arguments: longer objects are joined as jsonb. */
function jsonObject(pairs: string[]): string {
  if (pairs.length <= 100) return `json_build_object(${pairs.join(', ')})`;
  const chunks: string[] = [];
  for (let start = 0; start < pairs.length; start += 100) chunks.push(`json_build_object(${pairs.slice(start, start + 100).join(', ')})::jsonb`);
  return `(${chunks.join(' || ')})::json`;
}

function relationOf(entity: EntityMetadata, property: string): RelationMetadata | undefined {
  const relation = entity.findRelationWithPropertyPath(property);
  return relation && (relation.isManyToOne || relation.isOneToOneOwner) && relation.joinColumns.length ? relation : undefined;
}

function columnOf(entity: EntityMetadata, property: string): ColumnMetadata {
  const column = entity.findColumnWithPropertyPath(property);
  if (!column) throw new Error(`${entity.name} has no column ${property}`);
  return column;
}

function qualified(entity: EntityMetadata, alias: string, property: string): string {
  return `${alias}.${quoted(columnOf(entity, property).databaseName)}`;
}

function orderBy(entity: EntityMetadata, alias: string, order: SortOrder): string {
  return Object.entries(order)
    .map(([property, direction]) => `${qualified(entity, alias, property)} ${direction}`)
    .join(', ');
}

type PropertyReader = (alias: string) => PropertySql | null;

const propertiesByEntity = new WeakMap<EntityMetadata, Map<string, PropertyReader>>();

/**
 * The top-level properties of an entity as TypeORM loads them (columns, and embedded objects such
 * as LocalizedText `name_fr`/`name_en` → `{ fr, en }`); a reader gives null for a column whose
 * JSON would differ from what TypeORM gives (a transformer, a binary or geometric type).
 */
function propertiesOf(entity: EntityMetadata): Map<string, PropertyReader> {
  let properties = propertiesByEntity.get(entity);
  if (!properties) {
    properties = new Map();
    for (const column of entity.ownColumns) {
      if (!column.embeddedMetadata && column.isSelect) properties.set(column.propertyName, (alias) => columnSql(entity, column, alias));
    }
    for (const embedded of entity.embeddeds) properties.set(embedded.propertyName, (alias) => embeddedSql(entity, embedded, alias));
    propertiesByEntity.set(entity, properties);
  }
  return properties;
}

function columnSql(entity: EntityMetadata, column: ColumnMetadata, alias: string): PropertySql | null {
  if (column.transformer) return null;
  const type = entity.connection.driver.normalizeType(column);
  const sql = `${alias}.${quoted(column.databaseName)}`;
  if (PLAIN_TYPES.has(type)) return { sql, dates: [] };
  if (TEXT_NUMBER_TYPES.has(type) && !column.isArray) return { sql: `${sql}::text`, dates: [] };
  if (DATE_TYPES.has(type) && !column.isArray) return { sql, dates: [[]] };
  return null;
}

function embeddedSql(entity: EntityMetadata, embedded: EmbeddedMetadata, alias: string): PropertySql | null {
  const pairs: string[] = [];
  const dates: string[][] = [];
  const parts: [string, PropertySql | null][] = [
    ...embedded.columns.filter((column) => column.isSelect).map((column): [string, PropertySql | null] => [column.propertyName, columnSql(entity, column, alias)]),
    ...embedded.embeddeds.map((inner): [string, PropertySql | null] => [inner.propertyName, embeddedSql(entity, inner, alias)]),
  ];
  for (const [property, sql] of parts) {
    if (!sql) return null;
    pairs.push(`'${property}'`, sql.sql);
    dates.push(...sql.dates.map((path) => [property, ...path]));
  }
  return { sql: jsonObject(pairs), dates };
}

/** Turns the timestamps of projected rows (JSON text) back into Dates, as TypeORM would have loaded them. */
export function reviveRow(row: Record<string, unknown>, shape: RowShape): void {
  for (const path of shape.dates) reviveDate(row, path);
  if (!shape.relations.length) return;
  const projected = row[PROJECTED] as Record<string, unknown>;
  for (const relation of shape.relations) {
    const value = projected[relation.key];
    if (relation.many) for (const item of value as Record<string, unknown>[]) reviveRow(item, relation.shape);
    else if (value) reviveRow(value as Record<string, unknown>, relation.shape);
  }
}

function reviveDate(row: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  if (!rest.length) {
    if (typeof row[head] === 'string') row[head] = new Date(row[head] as string);
  } else if (row[head]) {
    reviveDate(row[head] as Record<string, unknown>, rest);
  }
}

/** Whether a shape holds any Date, so that rows without one are not walked. */
export function hasDates(shape: RowShape): boolean {
  return shape.dates.length > 0 || shape.relations.some((relation) => hasDates(relation.shape));
}
