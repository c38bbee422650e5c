import {
  defaultFieldResolver,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  valueFromASTUntyped,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/pagination';

/** What one operation may cost the server, known before it runs. */
export interface QueryCost {
  /** Objects the operation may return: each object-typed field counts 1 per parent, lists times their page size or bound. */
  cost: number;
  aliases: number;
}

const NOTHING: QueryCost = { cost: 0, aliases: 0 };

/** Whether a field is a page (a connection): it takes `first` or `last`. */
const isPaged = (field: GraphQLField<unknown, unknown>): boolean => field.args.some((arg) => arg.name === 'first' || arg.name === 'last');

/**
 * What a leaf costs beyond the object it comes with: nothing, unless its resolver does work that
 * grows with the data (a diff of two revisions), declared as `complexity` where it is resolved.
 */
const workOf = (field: GraphQLField<unknown, unknown>): number => {
  const complexity = field.extensions?.complexity;
  return typeof complexity === 'number' ? complexity : 0;
};

/** A list of objects that is not a page (`comments`, `memberships`): its length is whatever the data holds. */
export const isPlainList = (field: GraphQLField<unknown, unknown>): boolean => {
  const type = getNullableType(field.type);
  return isListType(type) && isCompositeType(getNamedType(type)) && !isPaged(field);
};

/**
 * The static cost of `operation`: every field of an object type costs 1, a leaf nothing (it comes
 * with its object) unless it declares the work it does (workOf), and what a Relay connection (a field taking `first` or `last`) selects counts
 * once per node of its page — `first`/`last` as given, capped at MAX_PAGE_SIZE since a larger one
 * is refused anyway, or DEFAULT_PAGE_SIZE; a lookup by `ids` counts once per id; any other list
 * (`memberships`, `comments`) DEFAULT_PAGE_SIZE times, as a page whose size is not asked for: its
 * length is not known before it runs. Introspection (`__schema`, `__type`) costs exactly the objects
 * it returns, the schema being at hand. Aliases and fragments (named and inline) count each time
 * they are spread; a named fragment is measured once, so a document that spreads fragments into
 * each other costs its size to measure, not their product.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): QueryCost {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const variableDefaults = Object.fromEntries(
    (operation.variableDefinitions ?? []).map((definition) => [
      definition.variable.name.value,
      definition.defaultValue ? valueFromASTUntyped(definition.defaultValue) : undefined,
    ]),
  );
  const rootType = schema.getRootType(operation.operation);
  return rootType ? selectionMeasure(schema, fragments, { ...variableDefaults, ...variables }, false)(operation.selectionSet, rootType) : NOTHING;
}

const itemCosts = new WeakMap<FieldNode, WeakMap<object, number>>();

/**
 * What one object of a plain list costs as `info` selects it, at its resolver: the object and
 * what it selects, measured as queryCost measures it, except its own plain lists, which count
 * their objects themselves when they resolve (src/graphql/plain-lists.ts). Measured once per
 * request and field.
 */
export function listItemCost(info: GraphQLResolveInfo): number {
  const byRequest = itemCosts.get(info.fieldNodes[0]) ?? new WeakMap<object, number>();
  itemCosts.set(info.fieldNodes[0], byRequest);
  const measured = byRequest.get(info.variableValues);
  if (measured !== undefined) return measured;
  const type = getNamedType(info.returnType);
  const measure = selectionMeasure(info.schema, info.fragments, info.variableValues, true);
  let cost = 1;
  if (isCompositeType(type)) for (const node of info.fieldNodes) if (node.selectionSet) cost += measure(node.selectionSet, type).cost;
  byRequest.set(info.variableValues, cost);
  return cost;
}

/**
 * How queryCost measures a selection: with `ownLists`, a plain list (not a page) is left out, as
 * one that will count what it returns.
 */
function selectionMeasure(schema: GraphQLSchema, fragments: Readonly<Record<string, FragmentDefinitionNode>>, values: Record<string, unknown>, ownLists: boolean) {
  const measuredFragments = new Map<string, QueryCost>();

  const argumentsOf = (selection: FieldNode): Record<string, unknown> =>
    Object.fromEntries((selection.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value, values)]));

  const fragmentCost = (name: string, withinPage: boolean): QueryCost => {
    const key = `${withinPage}:${name}`;
    const measured = measuredFragments.get(key);
    if (measured) return measured;
    const fragment = fragments[name];
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    // Validation has refused unknown fragments and fragment cycles before this runs.
    measuredFragments.set(key, NOTHING);
    const cost = fragment && isCompositeType(type) ? selectionCost(fragment.selectionSet, type, withinPage) : NOTHING;
    measuredFragments.set(key, cost);
    return cost;
  };

  const pageSize = (field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, withinPage: boolean): number => {
    // A lookup by ids (nodes(ids:)) returns one object per id asked for.
    if (Array.isArray(args.ids)) return Math.min(args.ids.length, MAX_PAGE_SIZE);
    if (!isPaged(field)) return isListType(getNullableType(field.type)) && !withinPage ? DEFAULT_PAGE_SIZE : 1;
    const asked = [args.first, args.last].filter((value): value is number => typeof value === 'number');
    const size = asked.length > 0 ? Math.max(...asked) : DEFAULT_PAGE_SIZE;
    return Math.min(Math.max(size, 0), MAX_PAGE_SIZE);
  };

  // withinPage: the selection is a connection's, whose list (edges) is the page already counted.
  const selectionCost = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, withinPage = false): QueryCost => {
    let cost = 0;
    let aliases = 0;
    // A page multiplies what the server does, not the aliases written in the query.
    const add = (part: QueryCost, pageSize = 1) => {
      cost += part.cost * pageSize;
      aliases += part.aliases;
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        add(fragmentCost(selection.name.value, withinPage));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (isCompositeType(type)) add(selectionCost(selection.selectionSet, type, withinPage));
      } else {
        if (selection.alias) aliases++;
        const field = fieldOf(schema, parentType, selection.name.value);
        const type = field && getNamedType(field.type);
        if (field && !selection.selectionSet) cost += workOf(field);
        if (!field || !selection.selectionSet || !isCompositeType(type)) continue;
        const args = argumentsOf(selection);
        if (field === SchemaMetaFieldDef || field === TypeMetaFieldDef) {
          // Its aliases count as any others; its cost is what it returns.
          aliases += selectionCost(selection.selectionSet, type).aliases;
          cost += introspectionCost(selection, field, undefined);
          continue;
        }
        if (ownLists && !withinPage && isPlainList(field)) continue;
        cost += 1;
        add(selectionCost(selection.selectionSet, type, isPaged(field)), pageSize(field, args, withinPage));
      }
    }
    return { cost, aliases };
  };

  // The objects introspection returns, found by resolving it on the schema: once per selection
  // and schema element, so nested lists cost their sum to measure, not their product.
  const introspected = new Map<SelectionSetNode, Map<unknown, number>>();
  const info = { schema } as GraphQLResolveInfo;
  const introspectionCost = (selection: FieldNode, field: GraphQLField<unknown, unknown>, source: unknown): number => {
    const defaults = Object.fromEntries(field.args.map((arg) => [arg.name, arg.defaultValue]));
    const value: unknown = (field.resolve ?? defaultFieldResolver)(source, { ...defaults, ...argumentsOf(selection) }, undefined, info);
    const items = Array.isArray(value) ? value : [value];
    const type = getNamedType(field.type);
    let cost = 0;
    for (const item of items) {
      if (item === null || item === undefined) continue;
      cost += 1 + (isObjectType(type) && selection.selectionSet ? introspectedSelectionCost(selection.selectionSet, type, item) : 0);
    }
    return cost;
  };
  const introspectedSelectionCost = (selectionSet: SelectionSetNode, type: GraphQLObjectType, source: unknown): number => {
    const bySource = introspected.get(selectionSet) ?? new Map<unknown, number>();
    introspected.set(selectionSet, bySource);
    const measured = bySource.get(source);
    if (measured !== undefined) return measured;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      // Introspection's types are object types: a fragment applies when it names this one.
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (fragment?.typeCondition.name.value === type.name) cost += introspectedSelectionCost(fragment.selectionSet, type, source);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const applies = !selection.typeCondition || selection.typeCondition.name.value === type.name;
        if (applies) cost += introspectedSelectionCost(selection.selectionSet, type, source);
      } else {
        const field = type.getFields()[selection.name.value];
        if (field && selection.selectionSet) cost += introspectionCost(selection, field, source);
      }
    }
    bySource.set(source, cost);
    return cost;
  };

  return selectionCost;
}

function fieldOf(schema: GraphQLSchema, parentType: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name && parentType === schema.getQueryType()) return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name && parentType === schema.getQueryType()) return TypeMetaFieldDef;
  return 'getFields' in parentType ? parentType.getFields()[name] : undefined;
}
