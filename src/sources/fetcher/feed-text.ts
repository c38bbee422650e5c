import { createHash } from 'node:crypto';
import { absoluteHtml, escapeText } from './feed-urls';
import { Part, XmlNode } from './feed-xml';

/** How a text construct's content is to be read when it does not say (RSS: HTML; Atom: text). */
export type DefaultType = 'html' | 'text';

/**
 * The HTML of a text construct (title, summary, content, description…): Atom's type="text",
 * "html" and "xhtml" (wrapper div dropped, inline markup kept), Atom 0.3's escaped, xml and base64
 * modes, RSS's escaped or CDATA HTML and raw markup; every URL inside made absolute.
 */
export function constructHtml(node: XmlNode | null | undefined, defaultType: DefaultType, implicitBase?: string): string | null {
  if (!node?.parts) return null;
  const base = node.explicitBase || !implicitBase ? node.base : implicitBase;
  const type = (node.attributes.type ?? '').toLowerCase();
  const mode = (node.attributes.mode ?? '').toLowerCase();
  const htmlType = type === 'html' || type.includes('text/html');
  let html: string;
  if (mode === 'base64') {
    const decoded = Buffer.from(textOf(node.parts), 'base64').toString('utf8');
    html = htmlType ? absoluteHtml(decoded, base) : escapeText(decoded);
  } else if (type === 'xhtml' || type.includes('xhtml+xml') || (mode === 'xml' && node.parts.some((part) => part.kind === 'open'))) {
    html = xhtml(node.parts);
  } else if (htmlType || mode === 'escaped' || (!type && defaultType === 'html')) {
    html = absoluteHtml(node.parts.map((part) => ('value' in part ? part.value : part.html)).join(''), base);
  } else {
    html = escapeText(textOf(node.parts));
  }
  return html.trim() || null;
}

function textOf(parts: Part[]): string {
  return parts.map((part) => ('value' in part ? part.value : '')).join('');
}

/** Inline XHTML as HTML, without the <div> Atom wraps it in. */
function xhtml(parts: Part[]): string {
  let depth = 0;
  let elements = 0;
  let looseText = false;
  for (const part of parts) {
    if (part.kind === 'open' && part.depth === 1) elements++;
    if ('depth' in part) depth = part.kind === 'open' ? part.depth : part.depth - 1;
    else if (depth === 0 && part.value.trim()) looseText = true;
  }
  const first = parts.find((part) => part.kind === 'open');
  const wrapped = elements === 1 && !looseText && first?.kind === 'open' && first.name === 'div';
  return parts
    .filter((part) => !(wrapped && 'depth' in part && part.depth === 1))
    .map((part) => ('value' in part ? escapeText(part.value) : part.html))
    .join('');
}

/** The plain text of a simple element, whitespace trimmed. */
export function plain(node: XmlNode | null | undefined): string | null {
  return node?.text.trim() || null;
}

const MAX_PERSON_LENGTH = 320;

/**
 * A person as feeds write them: `me@example.com (Example editor)`, `Example editor (me@example.com)`
 * and `Example editor <me@example.com>` are "Example editor"; a bare address stays.
 */
export function personName(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  // No name is this long: a hostile author string is kept as written rather than matched
  // (the patterns backtrack over their blanks), and the classes below do not overlap.
  if (value.length > MAX_PERSON_LENGTH) return value;
  const parenthesized = /^[^\s@()]+@[^\s()]+\s*\(([^()]*)\)$/.exec(value) ?? /^([^()]*?)\s*\([^\s@()]+@[^\s()]+\)$/.exec(value);
  if (parenthesized) return parenthesized[1].trim();
  const angled = /^(.+?)\s*<[^<>@\s]+@[^<>\s]+>$/.exec(value);
  return angled ? angled[1].trim().replace(/^"(.*)"$/, '$1') : value;
}

/** Items without an id are known by their link, or by a hash of what they say. */
export function identity(guid: string | null, url: string | null, title: string | null, published: Date | null): string {
  return guid || url || `sha256:${createHash('sha256').update(`${title ?? ''}\u0000${published?.toISOString() ?? ''}`).digest('hex')}`;
}
