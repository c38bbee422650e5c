import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Column } from 'typeorm';
import { trim } from './input-transforms';

export enum Language {
  fr = 'fr',
  en = 'en',
}
registerEnumType(Language, { name: 'Language', description: "Canada's official languages" });

export const LANGUAGES: readonly Language[] = [Language.fr, Language.en];


/** A text that people read, in both official languages. Stored as two columns: `<name>_fr`, `<name>_en`. */
@ObjectType()
export class LocalizedText {
  @Field()
  @Column('text')
  fr: string;

  @Field()
  @Column('text')
  en: string;
}

/** The same, where the text as a whole may be absent (an acronym, a description). */
export class OptionalLocalizedText {
  @Column('text', { nullable: true })
  fr: string | null;

  @Column('text', { nullable: true })
  en: string | null;
}

export function presentLocalizedText(text: OptionalLocalizedText | null | undefined): LocalizedText | null {
  return text?.fr != null && text.en != null ? { fr: text.fr, en: text.en } : null;
}

@InputType()
export class LocalizedTextInput {
  @Field()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  fr: string;

  @Field()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  en: string;
}
