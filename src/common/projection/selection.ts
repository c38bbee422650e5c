import {
  FieldNode,
  getNamedType,
  GraphQLArgument,
  GraphQLObjectType,
  GraphQLResolveInfo,
  isAbstractType,
  isObjectType,
  Kind,
  SelectionSetNode,
  typeFromAST,
  valueFromAST,
} from 'graphql';

/** The selection of a list's nodes, as a connection resolver received it: what the SQL projection compiles. */
export interface NodeSelection {
  readonly info: GraphQLResolveInfo;
}

/** The nodes selected under `edges { node { … } }` of the connection this resolver returns. */
export function connectionNodes(info: GraphQLResolveInfo): NodeSelection {
  return { info };
}

/**
 * The fields a selection asks of an object type, by response key, through aliases and named or
 * inline fragments, merged as GraphQL merges them; null when one response key names two different
 * fields (possible across sibling aliases of a parent, which the projection then leaves alone).
 * @skip and @include are not read: a skipped field is projected for nothing, never wrongly.
 */
export function collectFields(info: GraphQLResolveInfo, type: GraphQLObjectType, nodes: readonly FieldNode[]): Map<string, FieldNode[]> | null {
  const fields = new Map<string, FieldNode[]>();
  const visit = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).every((selection) => {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const same = fields.get(key);
        if (same && same[0].name.value !== selection.name.value) return false;
        fields.set(key, [...(same ?? []), selection]);
        return true;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        return !applies(info, type, selection.typeCondition?.name.value) || visit(selection.selectionSet);
      }
      const fragment = info.fragments[selection.name.value];
      return !applies(info, type, fragment.typeCondition.name.value) || visit(fragment.selectionSet);
    });
  return nodes.every((node) => visit(node.selectionSet)) ? fields : null;
}

/**
 * Whether the object the resolver returns is asked for nothing but `names` (and `__typename`),
 * through aliases and fragments: then a resolver that already knows those may skip reading the row.
 */
export function selectsOnly(info: GraphQLResolveInfo, names: readonly string[]): boolean {
  const type = getNamedType(info.returnType);
  const fields = isObjectType(type) ? collectFields(info, type, info.fieldNodes) : null;
  return !!fields && [...fields.values()].every(([field]) => field.name.value === '__typename' || names.includes(field.name.value));
}

function applies(info: GraphQLResolveInfo, type: GraphQLObjectType, condition: string | undefined): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = typeFromAST(info.schema, { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: condition } });
  return !!conditionType && isAbstractType(conditionType) && info.schema.isSubType(conditionType, type);
}

/** A field argument whose value becomes one bind parameter of the projection. */
export interface ArgumentSlot {
  node: FieldNode;
  argument: GraphQLArgument;
}

/** The value of an argument in this request: its literal, its variable's value, or its default. */
export function argumentValue({ node, argument }: ArgumentSlot, variables: GraphQLResolveInfo['variableValues']): unknown {
  const given = node.arguments?.find((candidate) => candidate.name.value === argument.name)?.value;
  if (!given || (given.kind === Kind.VARIABLE && variables[given.name.value] === undefined)) return argument.defaultValue ?? null;
  return valueFromAST(given, argument.type, variables) ?? null;
}
