import { DocumentNode, getVariableValues, GraphQLSchema } from 'graphql';
import { MercuriusContext } from 'mercurius';
import { requestedOperation } from './query-limits';

/**
 * A Mercurius preExecution hook: graphql-js' own check of the variables. Mercurius runs it on every
 * request but the one that compiles a query with graphql-jit, whose check words its refusals
 * otherwise; with this one, the same input gets the same answer (and the same named fields, see
 * src/common/query-input-errors.ts), whichever request it is.
 */
export function variablesChecked(schema: GraphQLSchema, document: DocumentNode, context: MercuriusContext, variables: Record<string, unknown> | undefined): void {
  const definitions = requestedOperation(document, context)?.variableDefinitions;
  if (!definitions?.length) return;
  const coerced = getVariableValues(schema, definitions, variables ?? {}, { maxErrors: 50 });
  // Gathered under one error, as Mercurius gathers query-validation failures for the error formatter.
  if (coerced.errors) throw Object.assign(new Error('The variables are invalid'), { errors: coerced.errors });
}
