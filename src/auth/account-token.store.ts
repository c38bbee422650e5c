import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { AccountToken, AccountTokenPurpose } from './account-token.entity';

/** The one-time links mailed to people (address verification, password reset), by their hash. */
@Injectable()
export class AccountTokenStore {
  constructor(@InjectRepository(AccountToken) private readonly tokens: Repository<AccountToken>) {}

  /** Deletes the links that were used, replaced or expired before `endedBefore`: from then on they are as unknown as a made-up one. */
  async pruneEndedBefore(endedBefore: Date): Promise<void> {
    await this.tokens.query(`DELETE FROM account_token WHERE expires_at < $1 OR used_at < $1 OR revoked_at < $1`, [endedBefore]);
  }

  /** Stores a new token, replacing the account's open ones of the same purpose: only the latest link works. */
  async issue(tx: EntityManager, token: Pick<AccountToken, 'userId' | 'purpose' | 'email' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await this.revokeOpen(tx, token.userId, token.purpose);
    await tx.insert(AccountToken, token);
  }

  /** The token with this hash and purpose, or null. */
  byHash(tokenHash: string, purpose: AccountTokenPurpose): Promise<AccountToken | null> {
    return this.tokens.findOneBy({ tokenHash, purpose });
  }

  /** The token with this hash and purpose, its row held until `tx` ends (so only one use can claim it). */
  lockByHash(tx: EntityManager, tokenHash: string, purpose: AccountTokenPurpose): Promise<AccountToken | null> {
    return tx.findOne(AccountToken, { where: { tokenHash, purpose }, lock: { mode: 'pessimistic_write' } });
  }

  async markUsed(tx: EntityManager, tokenId: string, at: Date): Promise<void> {
    await tx.update(AccountToken, { id: tokenId }, { usedAt: at });
  }

  /** Revokes the account's unused, unrevoked tokens of `purpose`. */
  async revokeOpen(tx: EntityManager, userId: string, purpose: AccountTokenPurpose): Promise<void> {
    await tx.update(AccountToken, { userId, purpose, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
