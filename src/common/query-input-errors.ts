import { ASTNode, GraphQLError, Kind, parse, Source, visit } from 'graphql';
import { FieldError } from './errors';

/**
 * The fields graphql-js refused before any resolver ran: a missing or null required argument,
 * variable or input field, a value of the wrong type, an unknown input field or argument. Fields
 * are named as the input validators name them (src/common/validation.ts): from inside the argument
 * or variable (`name.en`), a scalar argument or variable by its own name (`first`), a variable's
 * default value as the variable's value. Any other error (syntax, an unknown field in a
 * selection) names no field: the list is empty.
 */
export function queryInputFields(error: GraphQLError): FieldError[] {
  const variable = VARIABLE.exec(error.message);
  if (variable) return variableFields(variable[1], error.message);
  const required = REQUIRED_ARGUMENT.exec(error.message);
  if (required) return [fieldError([required[1]], 'required')];
  const unknown = UNKNOWN_ARGUMENT.exec(error.message);
  if (unknown) return [fieldError([unknown[1]], 'unknown')];
  for (const { pattern, kind } of LITERAL_PROBLEMS) {
    const problem = pattern.exec(error.message);
    if (!problem) continue;
    const path = literalPath(error);
    // The problem names the field an object lacks or should not have; a wrong value is the path's own.
    return path ? [fieldError(problem[1] ? [...path, problem[1]] : path, kind)] : [];
  }
  return [];
}

type Problem = 'required' | 'invalid' | 'unknown';

const MESSAGES: Record<Problem, string> = {
  required: '{} is required',
  invalid: '{} is not a valid value',
  unknown: '{} is unknown',
};

function fieldError(path: string[], problem: Problem): FieldError {
  // Below the argument or variable, its own name is left out, as the input validators do.
  const field = (path.length > 1 ? path.slice(1) : path).join('.');
  return { field, message: MESSAGES[problem].replace('{}', field) };
}

const VARIABLE = /^Variable "\$(\w+)" /;
const REQUIRED_ARGUMENT = /^Field "[^"]+" argument "(\w+)" of type "[^"]+" is required, but it was not provided\.$/;
const UNKNOWN_ARGUMENT = /^Unknown argument "(\w+)" on field "[^"]+"\./;
const REQUIRED_FIELD = /; Field "(\w+)" of required type "[^"]+" was not provided\.$/;
const UNKNOWN_FIELD = /; Field "(\w+)" is not defined by type "[^"]+"\.(?: Did you mean [^;]*\?)?$/;

/**
 * What a variable's own message says: missing or null, or a value refused at a path inside it
 * (`… got invalid value {…} at "input.name"; Field "en" of required type …`). The value, printed
 * in the middle, may hold anything: the path and the reason are read from the end.
 */
function variableFields(name: string, message: string): FieldError[] {
  if (new RegExp(`^Variable "\\$${name}" of (required|non-null) type "[^"]+" (was not provided|must not be null)\\.$`).test(message)) {
    return [fieldError([name], 'required')];
  }
  if (!message.startsWith(`Variable "$${name}" got invalid value `)) return [];
  // The last such mark is graphql-js' own: a value printed before it cannot end the message.
  const at = new RegExp(`^.* at "(${name}(?:\\.\\w+|\\[\\d+\\])*)"; `, 's').exec(message);
  const path = (at?.[1] ?? name).split(/[.[\]]+/).filter(Boolean);
  const missing = REQUIRED_FIELD.exec(message);
  if (missing) return [fieldError([...path, missing[1]], 'required')];
  const unknown = UNKNOWN_FIELD.exec(message);
  if (unknown) return [fieldError([...path, unknown[1]], 'unknown')];
  return [fieldError(path, 'invalid')];
}

/** Refusals of a value written in the query itself; the failing node says where it stands. */
const LITERAL_PROBLEMS: { pattern: RegExp; kind: Problem }[] = [
  { pattern: /^Field "\w+\.(\w+)" of required type "[^"]+" was not provided\.$/, kind: 'required' },
  { pattern: /^Field "(\w+)" is not defined by type "[^"]+"\./, kind: 'unknown' },
  { pattern: /^(?:Expected value of type "[^"]+", found .*|(?:\w+|Enum "\w+") cannot represent .*|Value "[^"]*" does not exist in "\w+" enum\..*)$/s, kind: 'invalid' },
];

/** One argument or input field on the way to a value, and the one it is inside. */
interface Step {
  name: string;
  up: Step | null;
}

/**
 * The variable, argument and input fields leading to the node an error points at, read again from the query
 * text (an error carries its source, not its syntax tree): `['input', 'name']` for the object
 * value of `input: { name: { … } }`. The text is read once per query, whatever its number of errors.
 */
function literalPath(error: GraphQLError): string[] | undefined {
  const at = error.nodes?.[0]?.loc?.start;
  if (at === undefined || !error.source) return undefined;
  let steps = STEPS.get(error.source);
  if (!steps) STEPS.set(error.source, (steps = inputSteps(error.source)));
  const path: string[] = [];
  for (let step: Step | null | undefined = steps.get(at); step; step = step.up) path.unshift(step.name);
  return path.length ? path : undefined;
}

const STEPS = new WeakMap<Source, Map<number, Step>>();

const VALUE_KINDS = new Set<string>([
  Kind.VARIABLE, Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT,
]);

/**
 * Where each input value of a query stands, by its offset in the text; an object field by the
 * object it is in (an unknown name is refused there). Each entry is one step: linear in the query.
 */
function inputSteps(source: Source): Map<number, Step> {
  const steps = new Map<number, Step>();
  let current: Step | null = null;
  // A variable's default value stands under the variable, as the variable's own value would.
  const named = (node: ASTNode) =>
    node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD ? node.name.value : node.kind === Kind.VARIABLE_DEFINITION ? node.variable.name.value : undefined;
  visit(parse(source), {
    enter(node) {
      if (node.loc && current && (node.kind === Kind.OBJECT_FIELD || VALUE_KINDS.has(node.kind))) steps.set(node.loc.start, current);
      const name = named(node);
      if (name) current = { name, up: current };
    },
    leave(node) {
      if (named(node) && current) current = current.up;
    },
  });
  return steps;
}
