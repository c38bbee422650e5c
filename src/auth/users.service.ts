import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { byKeys } from '../common/loaders';
import { User } from './user.entity';
import { UsersStore } from './users.store';

/** How other modules read accounts: never through the store itself. */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersStore) {}

  /** Read in `tx` when given (on the embedded database, the one connection a transaction holds). */
  findById(id: string, tx?: EntityManager): Promise<User | null> {
    return this.users.byId(id, tx);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.byEmail(email.trim().toLowerCase());
  }

  /** The person's time zone (an IANA name the caller has checked). */
  setTimeZone(userId: string, timeZone: string): Promise<void> {
    return this.users.setTimeZone(userId, timeZone);
  }

  /** In the order of `ids`; a missing one is null (for DataLoaders). */
  async findByIds(ids: readonly string[]): Promise<(User | null)[]> {
    return byKeys(ids, await this.users.byIds(ids), (user) => user.id);
  }
}
