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

  @Field()
  @Column('text')
  displayName: string;

  @Field(() => Language)
  @Column({ type: 'enum', enum: Language, enumName: 'language', default: Language.fr })
  preferredLanguage: Language;

  @Column('text')
  passwordHash: string;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
