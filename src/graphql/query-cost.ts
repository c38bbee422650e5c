import {
  DocumentNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
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
  /** Objects the operation may return: each object-typed field counts 1 per parent, lists times their page size. */
  cost: number;
  aliases: number;
}

const NOTHING: QueryCost = { cost: 0, aliases: 0 };

/**
 * The static cost of `operation`: every field of an object type costs 1, a leaf nothing (it comes
 * with its object), and what a Relay connection (a field taking `first` or `last`) selects counts
 * once per node of its page — `first`/`last` as given, capped at MAX_PAGE_SIZE since a larger one
 * is refused anyway, or DEFAULT_PAGE_SIZE; a lookup by `ids` counts once per id. Aliases and fragments (named and inline) count each
 * time they are spread; a named fragment is measured once, so a document that spreads fragments
 * into each other costs its size to measure, not their product.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measuredFragments = new Map<string, QueryCost>();
  const variableDefaults = Object.fromEntries(
    (operation.variableDefinitions ?? []).map((definition) => [
      definition.variable.name.value,
      definition.defaultValue ? valueFromASTUntyped(definition.defaultValue) : undefined,
    ]),
  );
  const values = { ...variableDefaults, ...variables };

  const fragmentCost = (name: string): QueryCost => {
    const measured = measuredFragments.get(name);
    if (measured) return measured;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    // Validation has refused unknown fragments and fragment cycles before this runs.
    measuredFragments.set(name, NOTHING);
    const cost = fragment && isCompositeType(type) ? selectionCost(fragment.selectionSet, type) : NOTHING;
    measuredFragments.set(name, cost);
    return cost;
  };

  const pageSize = (field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number => {
    // A lookup by ids (nodes(ids:)) returns one object per id asked for.
    if (Array.isArray(args.ids)) return Math.min(args.ids.length, MAX_PAGE_SIZE);
    if (!field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) return 1;
    const asked = [args.first, args.last].filter((value): value is number => typeof value === 'number');
    const size = asked.length > 0 ? Math.max(...asked) : DEFAULT_PAGE_SIZE;
    return Math.min(Math.max(size, 0), MAX_PAGE_SIZE);
  };

  const selectionCost = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): QueryCost => {
    let cost = 0;
    let aliases = 0;
    // A page multiplies what the server does, not the aliases written in the query.
    const add = (part: QueryCost, pageSize = 1) => {
      cost += part.cost * pageSize;
      aliases += part.aliases;
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        add(fragmentCost(selection.name.value));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (isCompositeType(type)) add(selectionCost(selection.selectionSet, type));
      } else {
        if (selection.alias) aliases++;
        const field = fieldOf(schema, parentType, selection.name.value);
        const type = field && getNamedType(field.type);
        if (!field || !selection.selectionSet || !isCompositeType(type)) continue;
        const args = Object.fromEntries(
          (selection.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value, values)]),
        );
        cost += 1;
        add(selectionCost(selection.selectionSet, type), pageSize(field, args));
      }
    }
    return { cost, aliases };
  };

  const rootType = schema.getRootType(operation.operation);
  return rootType ? selectionCost(operation.selectionSet, rootType) : NOTHING;
}

function fieldOf(schema: GraphQLSchema, parentType: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name && parentType === schema.getQueryType()) return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name && parentType === schema.getQueryType()) return TypeMetaFieldDef;
  return 'getFields' in parentType ? parentType.getFields()[name] : undefined;
}
