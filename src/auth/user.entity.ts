import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Language } from '../common/localized-text';
import { CreatedAt, UpdatedAt } from '../common/timestamps';

@ObjectType({ description: 'A person with an account' })
@Entity()
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased: addresses are compared case-insensitively. Exposed only to its owner. */
  @Index({ unique: true })
  @Column('text')
  email: string;

  /** When the holder of `email` proved it (by a mailed link); null until then. See email-verification.service.ts. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  emailVerifiedAt: Date | null;

  @Field()
  @Column('text')
  displayName: string;

  @Field(() => Language)
  @Column({ type: 'enum', enum: Language, enumName: 'language', default: Language.fr })
  preferredLanguage: Language;

  @Column('text')
  passwordHash: string;

  /** The IANA time zone the person lives in (their daily notification digest follows it); America/Toronto until they say. */
  @Column('text', { default: 'America/Toronto' })
  timeZone: string;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
