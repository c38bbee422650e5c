import { Column, Entity, Index, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../common/timestamps';
import { User } from '../user.entity';

/**
 * A person's TOTP second factor: enrolled (a secret, not yet proven), then enabled once a first
 * code confirms the authenticator app has it. The secret is kept sealed (see mfa-keys.ts).
 */
@Entity()
export class UserMfa {
  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  /** The base32 secret, AES-256-GCM encrypted and bound to the user. */
  @Column('text')
  sealedSecret: string;

  /** When a first code confirmed the enrolment; null while it waits for one. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  enabledAt: Date | null;

  /** The time step of the last code accepted: a code is not accepted twice, nor an older one after it. */
  @Column('int', { nullable: true })
  lastUsedStep: number | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/** One of the ten single-use codes that stand in for the authenticator app; only a keyed hash is kept. */
@Entity()
@Index(['userId', 'codeHash'], { unique: true })
export class MfaRecoveryCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @Column('text')
  codeHash: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  usedAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}

/**
 * What a right password earns an account with MFA: a short-lived, single-use token to trade,
 * with a code, for a session (verifyMfa). Only its SHA-256 is kept.
 */
@Entity()
export class MfaChallenge {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @Index({ unique: true })
  @Column('text')
  tokenHash: string;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  usedAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
