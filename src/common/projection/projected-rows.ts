import { FieldNode, getNamedType, GraphQLObjectType, GraphQLResolveInfo, isObjectType } from 'graphql';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { listRowsOf } from '../list-budget';
import { CompiledProjection, compileProjection, hasDates, LIST_ROWS, PROJECTED, reviveRow } from './projection-compiler';
import { argumentValue, collectFields, NodeSelection } from './selection';

/** A row of a projected list: the node as its resolvers read it, and the extra values selected beside it, as text. */
export interface ProjectedRow<T> {
  node: T;
  extra: (string | null)[];
}

interface CachedProjection {
  compiled: CompiledProjection;
  revive: boolean;
}

// Mercurius caches parsed documents, so a field node stands for one selection: compiled once.
const cache = new WeakMap<FieldNode, Map<string, CachedProjection | null>>();

/**
 * Makes `query` select, instead of its entities, each node as JSON built by PostgreSQL (see
 * compileProjection) beside the `extra` SQL expressions (e.g. the keys of a keyset cursor), and
 * returns how to read its rows; null when the selection cannot be projected, `query` untouched.
 */
export function selectProjection<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  selection: NodeSelection,
  extra: readonly string[],
): (() => Promise<ProjectedRow<T>[]>) | null {
  const { info } = selection;
  const mainAlias = query.expressionMap.mainAlias;
  if (!mainAlias?.hasMetadata) return null;
  const cacheKey = `${mainAlias.metadata.name} ${mainAlias.name}`;
  let compiled = cache.get(info.fieldNodes[0]);
  if (!compiled) cache.set(info.fieldNodes[0], (compiled = new Map()));
  let projection = compiled.get(cacheKey);
  if (projection === undefined) {
    const nodes = nodesOfConnection(info);
    const found = nodes && compileProjection(info, nodes.fieldNodes, nodes.type, mainAlias.metadata, mainAlias.name);
    projection = found ? { compiled: found, revive: hasDates(found.shape) } : null;
    compiled.set(cacheKey, projection);
  }
  if (!projection) return null;
  const { compiled: plan, revive } = projection;
  query.select(plan.json, 'node');
  // As the text of their JSON (ISO 8601 timestamps whatever the DateStyle, every digit of a number), which
  // PostgreSQL reads back exactly: the driver would parse each row's timestamps into Dates, for a cursor
  // encoded only when asked for.
  extra.forEach((expression, index) => query.addSelect(`to_json(${expression}) #>> '{}'`, `extra_${index}`));
  plan.slots.forEach((slot, index) => query.setParameter(`projection_${index}`, argumentValue(slot, info.variableValues)));
  query.setParameter(LIST_ROWS, listRowsOf(info.schema));
  return async () => {
    const rows: Record<string, unknown>[] = await query.getRawMany();
    return rows.map((row) => {
      const node = row.node as Record<string, unknown>;
      if (revive) reviveRow(node, plan.shape);
      return { node: node as T, extra: extra.map((_, index) => row[`extra_${index}`] as string | null) };
    });
  };
}

/** The `node` fields under every `edges` of the connection field being resolved, and the node type. */
function nodesOfConnection(info: GraphQLResolveInfo): { fieldNodes: FieldNode[]; type: GraphQLObjectType } | null {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return null;
  const edgeType = getNamedType(connection.getFields().edges?.type);
  const nodeType = isObjectType(edgeType) ? getNamedType(edgeType.getFields().node?.type) : undefined;
  if (!isObjectType(edgeType) || !isObjectType(nodeType)) return null;
  const edges = fieldsNamed(collectFields(info, connection, info.fieldNodes), 'edges');
  const nodes = edges && fieldsNamed(collectFields(info, edgeType, edges), 'node');
  return nodes && { fieldNodes: nodes, type: nodeType };
}

/** Every occurrence of the field `name`, whatever its aliases. */
function fieldsNamed(fields: Map<string, FieldNode[]> | null, name: string): FieldNode[] | null {
  return fields && [...fields.values()].filter((nodes) => nodes[0].name.value === name).flat();
}

/**
 * What the projection computed for the field being resolved on `source` (null included), or
 * undefined when it computed nothing for it: the schema reads it before any resolver runs
 * (withProjectedFieldsRead in src/graphql/graphql.options.ts).
 */
export function projectedValue(source: unknown, info: GraphQLResolveInfo): unknown {
  return (source as Record<string, Record<string, unknown> | undefined> | null)?.[PROJECTED]?.[info.path.key];
}
