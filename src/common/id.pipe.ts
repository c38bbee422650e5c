import { PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { NotFoundError } from './errors';

/**
 * An id argument that is not even well-formed names nothing: NOT_FOUND, worded like any unknown
 * id of that kind. Use as `@Args('id', { type: () => ID }, new ParseIdPipe('Workspace'))`.
 */
export class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly kind = 'Resource') {}

  transform(value: string): string {
    if (!isUUID(value)) throw new NotFoundError(this.kind);
    return value;
  }
}
