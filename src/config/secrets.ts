import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config';

export const IN_MEMORY = 'memory://';

/**
 * The JWT signing secret: the configured one, or one generated on first start and kept in the
 * data folder so tokens survive a restart. An in-memory data folder gets a fresh secret per process.
 */
export function resolveJwtSecret(config: AppConfig): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.TANDEM_DATA_DIR === IN_MEMORY) return randomBytes(48).toString('base64url');
  const file = join(config.TANDEM_DATA_DIR, 'jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(config.TANDEM_DATA_DIR, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
