/**
 * The refusals the API promises (README, "Errors"). Services throw these; the GraphQL error formatter
 * turns each into `extensions.code` plus its details, and anything else into an opaque
 * INTERNAL_SERVER_ERROR.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export interface FieldError {
  field: string;
  message: string;
}

/** The failing fields as one line, `field: message; …`: the message of a refusal that lists them. */
export const listed = (fields: FieldError[]): string => fields.map((field) => `${field.field}: ${field.message}`).join('; ');

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication required') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You may not do this') {
    super('FORBIDDEN', message);
  }
}

/** Also what a caller gets for something it may not know exists, so ids do not leak. */
export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super('NOT_FOUND', `${what} not found`);
  }
}

export class BadUserInputError extends AppError {
  constructor(fields: FieldError[], message = 'Invalid input') {
    super('BAD_USER_INPUT', message, { fields });
  }

  static field(field: string, message: string): BadUserInputError {
    return new BadUserInputError([{ field, message }], listed([{ field, message }]));
  }
}

export class ConflictError extends AppError {
  constructor(message: string, current: Record<string, unknown> = {}) {
    super('CONFLICT', message, current);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(message: string, reasons: string[]) {
    super('PRECONDITION_FAILED', message, { reasons });
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, message = 'Too many attempts; try again later') {
    super('RATE_LIMITED', message, { retryAfterSeconds });
  }
}

/** A query refused before execution for its static cost or its number of aliases. */
export class QueryTooComplexError extends AppError {
  constructor(message: string, details: { cost?: number; aliases?: number; limit: number }) {
    super('QUERY_TOO_COMPLEX', message, details);
  }
}

/** The server cannot answer now (database unreachable, too many requests in flight); the caller may retry. */
export class ServiceUnavailableError extends AppError {
  constructor(retryAfterSeconds: number, message = 'The service is unavailable; try again shortly') {
    super('SERVICE_UNAVAILABLE', message, { retryAfterSeconds });
  }
}
