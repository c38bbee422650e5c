import { GqlTypeReference, TypeMetadataStorage } from '@nestjs/graphql';

/**
 * Declares an argument of a @ResolveField method without a parameter decorator. A field resolver
 * with no parameter decorators is bound directly by Nest (no pipes, guards or async step per call)
 * and receives GraphQL's own `(source, args, context, info)`; @Args would put it back on Nest's
 * per-call pipeline. The argument is validated by GraphQL (its type), as @Args of an enum or a
 * number would be.
 */
export function FieldArgument(name: string, typeFn: () => GqlTypeReference, options: { description?: string } = {}): MethodDecorator {
  return (target, methodName) => {
    TypeMetadataStorage.addMethodParamMetadata({
      kind: 'arg',
      name,
      description: options.description,
      target: target.constructor,
      methodName: String(methodName),
      typeFn,
      options: {},
      index: 0,
    });
  };
}
