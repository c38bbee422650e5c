import { DocumentNode, getVariableValues, GraphQLSchema, valueFromASTUntyped } from 'graphql';
import { MercuriusContext } from 'mercurius';
import { requestedOperation } from './query-limits';

/**
 * A Mercurius preExecution hook: graphql-js' own check of the variables. Mercurius runs it on every
 * request but the one that compiles a query with graphql-jit, whose check words its refusals
 * otherwise; with this one, the same input gets the same answer (and the same named fields, see
 * src/common/query-input-errors.ts), whichever request it is.
 *
 * A variable left out is given its default value, as the client wrote it: graphql-jit writes a
 * default into its compiled query as JSON, so a default DateTime reached resolvers as a string
 * once the query was compiled; given, it goes through the scalar like any value.
 */
export function variablesChecked(
  schema: GraphQLSchema,
  document: DocumentNode,
  context: MercuriusContext,
  variables: Record<string, unknown> | undefined,
): { variables: Record<string, unknown> } | undefined {
  const definitions = requestedOperation(document, context).variableDefinitions;
  if (!definitions?.length) return undefined;
  const given = { ...variables };
  for (const { variable, defaultValue } of definitions) {
    if (defaultValue && !Object.hasOwn(given, variable.name.value)) given[variable.name.value] = valueFromASTUntyped(defaultValue);
  }
  const coerced = getVariableValues(schema, definitions, given, { maxErrors: 50 });
  // Gathered under one error, as Mercurius gathers query-validation failures for the error formatter.
  if (coerced.errors) throw Object.assign(new Error('The variables are invalid'), { errors: coerced.errors });
  return { variables: given };
}
