import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../common/timestamps';
import { User } from './user.entity';

/**
 * A sign-in: the family of refresh tokens that descend from one login. Revoking it (logout,
 * or a refresh token presented twice) ends every token of the family, access tokens included.
 */
@Entity()
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column('text', { nullable: true })
  revokedReason: string | null;

  /** When the session passed the second factor (verifyMfa, or confirming enrolment); refreshing keeps it. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  secondFactorAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}

/** One refresh token: only its SHA-256 is stored; it may be used once. */
@Entity()
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid')
  sessionId: string;

  @ManyToOne(() => AuthSession, { onDelete: 'CASCADE' })
  session: AuthSession;

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

/** Failed sign-ins counted per account and per client address, to slow and then refuse guessing. */
@Entity()
export class LoginThrottle {
  /** `account:<email>` or `address:<ip>`. */
  @Column('text', { primary: true })
  key: string;

  @Column('int')
  failures: number;

  @Column({ type: 'timestamptz', precision: 3 })
  windowStartedAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lockedUntil: Date | null;
}
