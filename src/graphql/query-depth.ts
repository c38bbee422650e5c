import { FragmentDefinitionNode, GraphQLError, Kind, SelectionSetNode, ValidationRule } from 'graphql';

/** Introspection's fields: what they nest is the schema's own shape, and their cost is counted (query-cost.ts). */
const INTROSPECTION = new Set(['__schema', '__type']);

/**
 * A validation rule: an operation whose fields nest deeper than `limit` (`{ me { id } }` is 2) is
 * refused before it runs, introspection aside. Mercurius' own depth limit counts introspection too,
 * which refused graphql-js' standard introspection query (15 deep): GraphiQL's documentation and
 * schema tools could not read the schema.
 */
export function queryDepthLimit(limit: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const measured = new Map<string, number>();
    const depthOf = (selectionSet: SelectionSetNode, spreading: ReadonlySet<string>): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (INTROSPECTION.has(selection.name.value)) continue;
          deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(selection.selectionSet, spreading) : 0));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, spreading));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // An unknown fragment or a cycle is refused by graphql-js' own rules.
          if (!fragment || spreading.has(name)) continue;
          if (!measured.has(name)) measured.set(name, depthOf(fragment.selectionSet, new Set([...spreading, name])));
          deepest = Math.max(deepest, measured.get(name) ?? 0);
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
        if (depth > limit) context.reportError(new GraphQLError(`The query is nested ${depth} deep; at most ${limit} is allowed`, { nodes: operation }));
      },
    };
  };
}
