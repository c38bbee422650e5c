import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidatorOptions } from 'class-validator';
import { BadUserInputError, FieldError, listed } from './errors';
import { cleanText } from './text-hygiene';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

// Nest names GraphQL parameters by number (@nestjs/graphql's GqlParamtype): 3 is @Args.
const GRAPHQL_ARGS = 3 as unknown as ArgumentMetadata['type'];
const INPUT_TYPES: readonly ArgumentMetadata['type'][] = [GRAPHQL_ARGS, 'body', 'query', 'param'];

/** Whether a parameter is a caller's input (GraphQL arguments, an HTTP body, query or path) rather than @Parent, @Info or a custom decorator's value. */
const isInput = (metadata: ArgumentMetadata) => INPUT_TYPES.includes(metadata.type);

const refusal = (fields: FieldError[]) => new BadUserInputError(fields, listed(fields));

/**
 * class-validator on every input, after the text rules of text-hygiene.ts on every string of it
 * (nested inputs and lists included), which also NFC-normalize it; failures become BAD_USER_INPUT
 * listing each failing field. The text rules come first: validator.js throws on a lone surrogate.
 */
class InputValidationPipe extends ValidationPipe {
  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const { problems } = cleanText(object);
    if (problems.length > 0) return problems.map(({ field, message }) => ({ property: field, constraints: { text: message }, children: [] }));
    return super.validate(object, options);
  }

  /** Texts and lists of them are not validated as classes are: the text rules apply to them here. */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only inputs: what a field resolver gets from its parent, the request or the context is ours.
    if (!isInput(metadata)) return value;
    const transformed: unknown = await super.transform(value, metadata);
    if (typeof transformed !== 'string' && !Array.isArray(transformed)) return transformed;
    const cleaned = cleanText(transformed, metadata.data ?? '');
    if (cleaned.problems.length > 0) throw refusal(cleaned.problems);
    return cleaned.value;
  }
}

type RuleStorage = ReturnType<typeof getMetadataStorage>;
type Rules = ReturnType<RuleStorage['getTargetValidationMetadatas']>;

/**
 * class-validator looks up a class's rules at every validation by testing the class against every
 * class that declares rules (for the inherited ones): on an articles page, more time than anything
 * else its arguments cost. A class's rules are declared when it is defined, so the answer is kept,
 * per class and lookup options, until a rule is declared anywhere (a class defined later, which
 * leaves the classes defined before it as they were, but forgetting everything then is cheap).
 */
function rememberRuleLookups(storage: RuleStorage): void {
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const declare = storage.addValidationMetadata.bind(storage);
  let answers = new WeakMap<object, Map<string, Rules>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    let ofTarget = answers.get(target);
    if (!ofTarget) answers.set(target, (ofTarget = new Map()));
    const options = `${schema}\0${always}\0${strictGroups}\0${JSON.stringify(groups ?? null)}`;
    let rules = ofTarget.get(options);
    if (!rules) ofTarget.set(options, (rules = lookUp(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.addValidationMetadata = (metadata) => {
    answers = new WeakMap();
    declare(metadata);
  };
}

rememberRuleLookups(getMetadataStorage());

export const inputValidationPipe = new InputValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: false,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => refusal(flatten(errors)),
});
