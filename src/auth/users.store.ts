import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Not, Repository } from 'typeorm';
import { User } from './user.entity';

/** Accounts. */
@Injectable()
export class UsersStore {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** The account with this id, or null. */
  byId(id: string, tx: EntityManager = this.users.manager): Promise<User | null> {
    return tx.findOneBy(User, { id });
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

  /**
   * Creates an account unless one has its address; null then. One statement decides, so two
   * registrations of one address at once never surface as an error that tells the address is taken.
   */
  async insertUnlessEmailTaken(tx: EntityManager, user: Pick<User, 'email' | 'displayName' | 'preferredLanguage' | 'passwordHash'>): Promise<User | null> {
    const inserted = await tx.createQueryBuilder().insert().into(User).values(user).orIgnore().returning(['id']).execute();
    const [row] = inserted.raw as { id: string }[];
    return row ? tx.findOneByOrFail(User, { id: row.id }) : null;
  }

  /** The account with this (already lower-cased) e-mail address, read in `tx`, or null. */
  byEmailIn(tx: EntityManager, email: string): Promise<User | null> {
    return tx.findOneBy(User, { email });
  }

  /** The account with this id, its row held until `tx` ends. */
  lockById(tx: EntityManager, id: string): Promise<User | null> {
    return tx.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Whether an account other than `userId` has this (already lower-cased) e-mail address, read in `tx`. */
  emailTakenByAnother(tx: EntityManager, email: string, userId: string): Promise<boolean> {
    return tx.exists(User, { where: { email, id: Not(userId) } });
  }

  /** Makes `email` the account's address, verified at `at`. */
  async setVerifiedEmail(tx: EntityManager, userId: string, email: string, at: Date): Promise<void> {
    await tx.update(User, { id: userId }, { email, emailVerifiedAt: at });
  }

  async setPasswordHash(tx: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await tx.update(User, { id: userId }, { passwordHash });
  }

  async setTimeZone(userId: string, timeZone: string): Promise<void> {
    await this.users.update({ id: userId }, { timeZone });
  }
}
