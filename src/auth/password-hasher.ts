import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { AppConfig } from '../config/config';

/** Passwords as argon2id hashes, at the cost the configuration sets (see PASSWORD_HASH_*). */
@Injectable()
export class PasswordHasher {
  private readonly options: argon2.HashOptions & { raw?: false };
  /** Verified against when the e-mail is unknown, so both cases take the same time. */
  private readonly decoy: Promise<string>;

  constructor(config: AppConfig) {
    this.options = { type: argon2.argon2id, memoryCost: config.PASSWORD_HASH_MEMORY_KIB, timeCost: config.PASSWORD_HASH_ITERATIONS };
    this.decoy = argon2.hash('tandem-decoy-password', this.options);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  /** Whether `password` matches `hash`; with no hash (no such account), checked against the decoy all the same. */
  async matches(hash: string | undefined, password: string): Promise<boolean> {
    return argon2.verify(hash ?? (await this.decoy), password);
  }
}
