import { ASTNode, GraphQLError, Kind, parse, Source, visit } from 'graphql';
import { FieldError } from './errors';

/**
 * The fields graphql-js (or graphql-jit) refused before any resolver ran: a missing or null
 * required argument, variable or input field, a value of the wrong type, an unknown input field or
 * argument. Fields are named as the input validators name them (src/common/validation.ts): from
 * inside the argument or variable (`name.en`), a scalar argument by its own name (`first`).
 * Any other error (syntax, an unknown field in a selection) names no field: the list is empty.
 */
export function queryInputFields(error: GraphQLError): FieldError[] {
  const variable = VARIABLE.exec(error.message);
  if (variable) return variableFields(variable[1], variable[2]);
  const required = REQUIRED_ARGUMENT.exec(error.message);
  if (required) return [fieldError(required[1], 'required')];
  const unknown = UNKNOWN_ARGUMENT.exec(error.message);
  if (unknown) return [fieldError(unknown[1], 'unknown')];
  const problem = LITERAL_PROBLEMS.find(({ pattern }) => pattern.test(error.message));
  const path = problem && literalPath(error);
  if (!problem || !path) return [];
  const inner = problem.pattern.exec(error.message)?.[1];
  return [fieldError(inner ? [...path, inner] : path, problem.kind)];
}

type Problem = 'required' | 'invalid' | 'unknown';

const MESSAGES: Record<Problem, string> = {
  required: '{} is required',
  invalid: '{} is not a valid value',
  unknown: '{} is unknown',
};

function fieldError(path: string | string[], problem: Problem): FieldError {
  const parts = typeof path === 'string' ? [path] : path;
  // Below the argument or variable, its own name is left out, as the input validators do.
  const field = (parts.length > 1 ? parts.slice(1) : parts).join('.');
  return { field, message: MESSAGES[problem].replace('{}', field) };
}

// `Variable "$input" …` from graphql-js and graphql-jit alike.
const VARIABLE = /^Variable "\$(\w+)" (.*)$/s;
const REQUIRED_ARGUMENT = /^Field "[^"]+" argument "(\w+)" of type "[^"]+" is required, but it was not provided\.$/;
const UNKNOWN_ARGUMENT = /^Unknown argument "(\w+)" on field "[^"]+"\./;

/** What a variable's own message says: missing or null, or a value refused at a path inside it. */
function variableFields(name: string, rest: string): FieldError[] {
  if (/^of (required|non-null) type "[^"]+" (was not provided|must not be null)\.$/.test(rest)) return [fieldError(name, 'required')];
  const invalid = /^got invalid value .*?(?: at "([\w.[\]]+)")?; (.*)$/s.exec(rest);
  if (!invalid) return [];
  const path = (invalid[1] ?? name).split(/[.[\]]+/).filter(Boolean);
  const missing = /^Field "?(\w+)"? of required type "?[^"]+"? was not provided\./.exec(invalid[2]);
  if (missing) return [fieldError([...path, missing[1]], 'required')];
  const unknown = /^Field "(\w+)" is not defined by type "[^"]+"\./.exec(invalid[2]);
  if (unknown) return [fieldError([...path, unknown[1]], 'unknown')];
  return [fieldError(path, 'invalid')];
}

/** Refusals of a value written in the query itself; the failing node says where it stands. */
const LITERAL_PROBLEMS: { pattern: RegExp; kind: Problem }[] = [
  { pattern: /^Field "\w+\.(\w+)" of required type "[^"]+" was not provided\.$/, kind: 'required' },
  { pattern: /^Field "(\w+)" is not defined by type "[^"]+"\./, kind: 'unknown' },
  { pattern: /^(?:Expected value of type "[^"]+", found .*|\w+ cannot represent .*|Value "[^"]*" does not exist in "\w+" enum\..*)$/s, kind: 'invalid' },
];

/**
 * The argument and input fields leading to the node an error points at, read again from the query
 * text (an error carries its source, not its syntax tree): `['input', 'name']` for the object
 * value of `input: { name: { … } }`. The text is read once per query, whatever its number of errors.
 */
function literalPath(error: GraphQLError): string[] | undefined {
  const at = error.nodes?.[0]?.loc?.start;
  if (at === undefined || !error.source) return undefined;
  let paths = PATHS.get(error.source);
  if (!paths) PATHS.set(error.source, (paths = inputPaths(error.source)));
  const path = paths.get(at);
  return path?.length ? path : undefined;
}

const PATHS = new WeakMap<Source, Map<number, string[]>>();

/**
 * Where each input value of a query stands, by its offset in the text; an object field by the
 * path of the object it is in (an unknown name is refused there).
 */
function inputPaths(source: Source): Map<number, string[]> {
  const paths = new Map<number, string[]>();
  const path: string[] = [];
  const named = (node: ASTNode) => (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD ? node.name.value : undefined);
  visit(parse(source), {
    enter(node) {
      const name = named(node);
      if (node.loc && node.kind === Kind.OBJECT_FIELD) paths.set(node.loc.start, [...path]);
      else if (node.loc && path.length && !name) paths.set(node.loc.start, [...path]);
      if (name) path.push(name);
    },
    leave(node) {
      if (named(node)) path.pop();
    },
  });
  return paths;
}
