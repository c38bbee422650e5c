import { applyDecorators } from '@nestjs/common';

/**
 * Decorators as if written one above the other over a property, the last applied first as
 * TypeScript does, so that class-validator reports a property's failures in the same order.
 */
export function stack(...decorators: (PropertyDecorator | false)[]): PropertyDecorator {
  return applyDecorators(...decorators.filter((decorator): decorator is PropertyDecorator => decorator !== false).reverse());
}
