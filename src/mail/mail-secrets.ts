import { Injectable } from '@nestjs/common';
import { deriveKey, open, seal } from '../common/sealed-secrets';
import { AppConfig } from '../config/config';

/** A parameter under a key starting with `secret` is a secret (see OutgoingMail.params). */
const isSecret = (key: string) => key.startsWith('secret');

/**
 * The secrets of a message's parameters while it waits in the outbox: sealed at enqueue, bound to
 * the message's idempotency key, opened only to build it, and erased once nothing will build it again.
 */
@Injectable()
export class MailSecrets {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = deriveKey(config.jwtSecret, 'mail-params');
  }

  seal(idempotencyKey: string, params: Record<string, unknown>): Record<string, unknown> {
    return this.map(params, (value) => seal(this.key, idempotencyKey, value));
  }

  open(idempotencyKey: string, params: Record<string, unknown>): Record<string, unknown> {
    return this.map(params, (value) => open(this.key, idempotencyKey, value));
  }

  private map(params: Record<string, unknown>, change: (value: string) => string): Record<string, unknown> {
    return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, isSecret(key) && typeof value === 'string' ? change(value) : value]));
  }
}

/** The parameters a message keeps once nothing will build it again: none of its secrets. */
export function withoutSecrets(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([key]) => !isSecret(key)));
}
