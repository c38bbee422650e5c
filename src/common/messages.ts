import { FieldError, listed } from './errors';
import { FRENCH } from './messages.fr';

/** The languages error messages are given in. */
export type MessageLanguage = 'fr' | 'en';

/** A catalogue key: an English message, `{}` standing for each part that varies (`{name}` may name it). */
const PLACEHOLDER = /\{\w*\}/g;
const HAS_PLACEHOLDER = /\{\w*\}/;

/** The form of a key or a message pattern that matching compares: every placeholder written `{}`. */
export const patternOf = (key: string) => key.replace(PLACEHOLDER, '{}');

interface Template {
  pattern: RegExp;
  french: string;
  /** Per varying part, whether the key quotes it ("{}"): a name from the query or the schema, kept as written. */
  quoted: boolean[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The keys with placeholders as anchored patterns, the most specific (longest fixed text) first. */
const TEMPLATES: Template[] = Object.entries(FRENCH)
  .filter(([key]) => HAS_PLACEHOLDER.test(key))
  .sort(([a], [b]) => b.replace(PLACEHOLDER, '').length - a.replace(PLACEHOLDER, '').length)
  .map(([key, french]) => ({
    pattern: new RegExp(`^${key.split(PLACEHOLDER).map(escape).join('(.+?)')}$`, 's'),
    french,
    quoted: [...key.matchAll(PLACEHOLDER)].map((match) => key[match.index - 1] === '"' && key[match.index + match[0].length] === '"'),
  }));

/**
 * `message` in `language`: English as written; French from the catalogue (src/common/messages.fr.ts),
 * by the message itself or by the pattern it fits, each varying part translated in turn when the
 * catalogue has it (a kind, a language) and the key does not quote it; a message the catalogue
 * lacks stays English.
 */
export function translate(message: string, language: MessageLanguage): string {
  if (language === 'en') return message;
  return french(message) ?? message;
}

function french(message: string): string | undefined {
  // Own entries only: a message such as "constructor" must not find Object.prototype's.
  if (Object.hasOwn(FRENCH, message)) return FRENCH[message];
  for (const { pattern, french: template, quoted } of TEMPLATES) {
    const parts = pattern.exec(message);
    if (!parts) continue;
    const values = parts.slice(1).map((part, index) => (quoted[index] ? part : (french(part) ?? part)));
    let next = 0;
    return template.replace(PLACEHOLDER, () => values[next++] ?? '');
  }
  return undefined;
}

/**
 * The language of an `Accept-Language` header (RFC 9110 §12.5.4) that this server speaks, by the
 * caller's order of preference, or undefined when it names neither French nor English.
 */
export function acceptedLanguage(header: string | undefined): MessageLanguage | undefined {
  const ranges = (header ?? '')
    .split(',')
    .map((range, index) => {
      const [tag, ...parameters] = range.trim().toLowerCase().split(';');
      const q = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
      return { primary: tag.split('-')[0].trim(), quality: q === undefined ? 1 : Number(q), index };
    })
    .filter((range) => range.quality > 0 && (range.primary === 'fr' || range.primary === 'en'))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranges[0]?.primary as MessageLanguage | undefined;
}

/**
 * The details of a refusal in `language`: each field's message (BAD_USER_INPUT) and each reason
 * (PRECONDITION_FAILED); the rest (codes, ids, current state) as they are.
 */
export function translatedDetails(details: Record<string, unknown>, language: MessageLanguage): Record<string, unknown> {
  const { fields, reasons } = details as { fields?: FieldError[]; reasons?: unknown[] };
  return {
    ...details,
    ...(Array.isArray(fields) ? { fields: fields.map((field) => ({ ...field, message: translate(field.message, language) })) } : {}),
    ...(Array.isArray(reasons) ? { reasons: reasons.map((reason) => (typeof reason === 'string' ? translate(reason, language) : reason)) } : {}),
  };
}

/** A refusal's message in `language`; one that lists its fields ("field: message; …") is listed again from the translated fields. */
export function translatedMessage(message: string, details: Record<string, unknown>, language: MessageLanguage): string {
  const fields = details.fields as FieldError[] | undefined;
  if (language !== 'en' && fields?.length && message === listed(fields)) {
    return listed(fields.map((field) => ({ ...field, message: translate(field.message, language) })));
  }
  return translate(message, language);
}
