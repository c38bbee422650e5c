import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { User } from './user.entity';

/** Accounts. */
@Injectable()
export class UsersStore {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** The account with this id, or null. */
  byId(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** The account with this id; throws when there is none (the caller knows it exists). */
  get(id: string): Promise<User> {
    return this.users.findOneByOrFail({ id });
  }

  /** The account with this (already lower-cased) e-mail address, or null. */
  byEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email });
  }

  /** The accounts among `ids` that exist, in no particular order. */
  byIds(ids: readonly string[]): Promise<User[]> {
    return this.users.findBy({ id: In([...ids]) });
  }

  /** Whether an account already has this (already lower-cased) e-mail address. */
  emailTaken(email: string): Promise<boolean> {
    return this.users.existsBy({ email });
  }

  /** Creates an account. */
  insert(tx: EntityManager, user: Pick<User, 'email' | 'displayName' | 'preferredLanguage' | 'passwordHash'>): Promise<User> {
    return tx.save(tx.create(User, user));
  }
}
