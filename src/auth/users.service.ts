import { Injectable } from '@nestjs/common';
import { byKeys } from '../common/loaders';
import { User } from './user.entity';
import { UsersStore } from './users.store';

/** How other modules read accounts: never through the store itself. */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersStore) {}

  findById(id: string): Promise<User | null> {
    return this.users.byId(id);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.byEmail(email.trim().toLowerCase());
  }

  /** In the order of `ids`; a missing one is null (for DataLoaders). */
  async findByIds(ids: readonly string[]): Promise<(User | null)[]> {
    return byKeys(ids, await this.users.byIds(ids), (user) => user.id);
  }
}
