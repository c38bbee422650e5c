import { Field, ID, Int, ReturnTypeFunc } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsEmail, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { stack } from './decorators';
import { lower, trim } from './input-transforms';
import { LocalizedTextInput } from './localized-text';
import { SLUG_MESSAGE, SLUG_PATTERN } from './slug';
import { PlainName } from './text-hygiene';

/** The schema side of an input field; `nullable` also makes it optional (absent or null skips its rules). */
export interface FieldShape {
  description?: string;
  nullable?: boolean;
  /** May be left out but not given as null: nullable in the schema, validated whenever given. */
  omittable?: boolean;
}

/** The @Field with its nullability, then what absence means to validation. */
export function fieldOf(type: ReturnTypeFunc, { omittable, nullable, ...options }: FieldShape & { defaultValue?: unknown }): PropertyDecorator {
  return stack(
    Field(type, nullable === true || omittable === true ? { ...options, nullable: true } : options),
    nullable === true && IsOptional(),
    omittable === true && ValidateIf((_, value) => value !== undefined),
  );
}

/** An identifier: a UUID. */
export const IdField = (shape: FieldShape = {}) => stack(fieldOf(() => ID, shape), IsUUID());

export const EnumField = (enumType: object, shape: FieldShape = {}) => stack(fieldOf(() => enumType, shape), IsEnum(enumType));

/** A whole number, at least `min`. */
export const IntField = ({ min, ...shape }: FieldShape & { min: number }) => stack(fieldOf(() => Int, shape), IsInt(), Min(min));

export const DateField = (shape: FieldShape = {}) => stack(fieldOf(() => Date, shape), IsDate());

export interface TextShape extends FieldShape {
  max: number;
  /** Surrounding blanks dropped before the rules. */
  trim?: boolean;
  /** "" refused (after trimming). */
  notEmpty?: boolean;
  defaultValue?: string;
}

/** A string of at most `max` characters. */
export const TextField = ({ max, trim: trimmed, notEmpty, ...shape }: TextShape) =>
  stack(fieldOf(() => String, shape), trimmed === true && Transform(trim), IsString(), notEmpty === true && IsNotEmpty(), MaxLength(max));

/** A text in both official languages, each side validated by LocalizedTextInput. */
export const LocalizedTextField = (shape: FieldShape = {}) =>
  stack(fieldOf(() => LocalizedTextInput, shape), ValidateNested(), Type(() => LocalizedTextInput));

/** A name in both languages: also one line each, without bidirectional controls (text-hygiene.ts). */
export const LocalizedNameField = (shape: FieldShape = {}) => stack(LocalizedTextField(shape), PlainName());

/** A slug, kept lower-case (see slug.ts). */
export const SlugField = () => stack(Field(), Transform(lower), Matches(SLUG_PATTERN, { message: SLUG_MESSAGE }), PlainName());

/** An e-mail address to write to, kept lower-case. */
export const EmailField = () => stack(Field(), Transform(lower), IsEmail({}, { message: 'must be an e-mail address' }), MaxLength(254), PlainName());

/** An e-mail address to look up (sign-in, password reset), kept lower-case: any string, since one that was never valid is simply not found. */
export const LookupEmailField = () => stack(Field(), Transform(lower), IsString(), MaxLength(254), PlainName());
