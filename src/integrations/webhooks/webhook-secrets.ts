import { Injectable } from '@nestjs/common';
import { deriveKey, open, seal } from '../../common/sealed-secrets';
import { newOpaqueToken } from '../../common/tokens';
import { AppConfig } from '../../config/config';

const SECRET_PREFIX = 'whsec_';

/**
 * The signing secrets of webhook endpoints: the server must read them back to sign, so they are
 * sealed (AES-256-GCM, bound to their endpoint), not hashed, under a key of their own derived from
 * the JWT secret.
 */
@Injectable()
export class WebhookSecrets {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = deriveKey(config.jwtSecret, 'webhook-signing-secret');
  }

  /** A new secret, and what is stored of it for `endpointId`. */
  create(endpointId: string): { secret: string; sealed: string } {
    const secret = `${SECRET_PREFIX}${newOpaqueToken()}`;
    return { secret, sealed: seal(this.key, endpointId, secret) };
  }

  open(endpointId: string, sealed: string): string {
    return open(this.key, endpointId, sealed);
  }
}
