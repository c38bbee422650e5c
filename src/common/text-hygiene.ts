import 'reflect-metadata';
import { FieldError } from './errors';

const PLAIN_NAME = 'tandem:plain-name';

/**
 * Marks a name, slug or e-mail address (or a LocalizedTextInput of names): one line, no control
 * character at all, and no bidirectional override or isolate, which would make it display as
 * something else than it is (a spoofed name in a member list, an address that reads backwards).
 */
export const PlainName = (): PropertyDecorator => (target, property) => Reflect.defineMetadata(PLAIN_NAME, true, target, property);

// C0 controls; tab, LF and CR are text in a body, a summary or a note.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
// LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
// With the u flag a well-formed pair is one code point, so this finds only a surrogate alone.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// Every C0 and C1 control (line breaks, tabs and NEL too), the line and paragraph separators, and
// every bidirectional control (Unicode's Bidi_Control: the marks ALM, LRM, RLM, the embeddings,
// overrides and isolates).
const NOT_OF_A_LINE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]+/gu;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'gu');

function problemOf(text: string, plainName: boolean): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it has an unpaired surrogate)';
  if (CONTROL.test(text)) return 'must not contain control characters';
  if (plainName && LINE_BREAK_OR_TAB.test(text)) return 'must be one line, without tabs';
  if (plainName && BIDI_CONTROL.test(text)) return 'must not contain bidirectional control characters';
  return undefined;
}

/**
 * A line of text from outside (what a WebSub hub says of a denial) made fit to store and show:
 * controls and bidirectional controls become a blank, a surrogate alone U+FFFD, NFC, and at most
 * `max` characters, cut between code points.
 */
export function externalLine(text: string, max: number): string {
  const line = text.replace(NOT_OF_A_LINE, ' ').replace(LONE_SURROGATES, '\uFFFD').normalize('NFC').trim();
  return [...line].slice(0, max).join('');
}

function isPlainName(owner: object, property: string): boolean {
  return Reflect.getMetadata(PLAIN_NAME, owner, property) === true;
}

/**
 * Checks every text of an input, nested inputs and lists included, and NFC-normalizes it in place
 * (so "é" typed as e + accent and as one character are the same name). Returns the text as
 * normalized and the fields refused, named by their path inside the input (`name.fr`, `tags.2`).
 */
export function cleanText<T>(value: T, path = '', plainName = false): { value: T; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const visit = (current: unknown, at: string, strict: boolean): unknown => {
    if (typeof current === 'string') {
      const message = problemOf(current, strict);
      if (message) problems.push({ field: at, message });
      return message ? current : current.normalize('NFC');
    }
    if (Array.isArray(current)) {
      current.forEach((item, index) => (current[index] = visit(item, join(at, String(index)), strict)));
    } else if (current !== null && typeof current === 'object' && Object.getPrototypeOf(current) !== Date.prototype) {
      const record = current as Record<string, unknown>;
      for (const [key, item] of Object.entries(record)) record[key] = visit(item, join(at, key), strict || isPlainName(record, key));
    }
    return current;
  };
  return { value: visit(value, path, plainName) as T, problems };
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
