import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../common/timestamps';
import { User } from './user.entity';

/** What a one-time account token proves when used. */
export enum AccountTokenPurpose {
  /** That the person holds `email`: it becomes the account's verified address. */
  VERIFY_EMAIL = 'VERIFY_EMAIL',
  /** That the person holds the account's address: they may set a new password. */
  RESET_PASSWORD = 'RESET_PASSWORD',
}

/** A link mailed to a person: only its SHA-256 is stored; single use, for one account, one purpose and one address. */
@Entity()
export class AccountToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @Column({ type: 'enum', enum: AccountTokenPurpose, enumName: 'account_token_purpose' })
  purpose: AccountTokenPurpose;

  /** The (lower-cased) address the link was sent to. */
  @Column('text')
  email: string;

  @Index({ unique: true })
  @Column('text')
  tokenHash: string;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  usedAt: Date | null;

  /** Set when a newer link of the same purpose replaced it, or the account changed under it. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
