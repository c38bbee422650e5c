/** URLs of a feed made absolute against its xml:base or document address, as readers do before showing them. */

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** `url` resolved against `base`; null when it is empty, unparseable, or neither http nor https. */
export function absoluteUrl(url: string | null | undefined, base: string): string | null {
  const trimmed = url?.trim();
  if (!trimmed) return null;
  try {
    const resolved = new URL(trimmed, base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.toString() : null;
  } catch {
    return null;
  }
}

/** A reference as written in HTML, absolute when it was relative; fragments and other schemes are left as they are. */
export function absoluteReference(reference: string, base: string): string {
  const trimmed = reference.trim();
  if (!trimmed || trimmed.startsWith('#') || SCHEME.test(trimmed)) return reference;
  return absoluteUrl(trimmed, base) ?? reference;
}

/** An id that is a relative path (`/entries/1`, `../a`) made absolute; opaque ids (`tag:…`, `42`) as they are. */
export function absoluteId(id: string, base: string): string {
  return !SCHEME.test(id) && id.includes('/') ? (absoluteUrl(id, base) ?? id) : id;
}

/** Attributes whose value is one URL, and srcset, whose value is a list of them. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite', 'background', 'longdesc', 'action']);

/** The value of attribute `name` with its URLs made absolute (decoded value in, decoded value out). */
export function absoluteAttribute(name: string, value: string, base: string): string {
  const attribute = name.toLowerCase();
  if (URL_ATTRIBUTES.has(attribute)) return absoluteReference(value, base);
  if (attribute === 'srcset') {
    return value
      .split(',')
      .map((candidate) => candidate.trim().replace(/^\S+/, (url) => absoluteReference(url, base)))
      .join(', ');
  }
  return value;
}

const TAG = /<[a-zA-Z][^<>]*>/g;
const ATTRIBUTE = /(\s)([a-zA-Z-]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;

/** HTML with every href, src, srcset… of its tags made absolute against `base`. */
export function absoluteHtml(html: string, base: string): string {
  if (!/\s(?:href|src|srcset|poster|cite|background|longdesc|action)\s*=/i.test(html)) return html;
  return html.replace(TAG, (tag) =>
    tag.replace(ATTRIBUTE, (whole, space: string, name: string, equals: string, double?: string, single?: string, bare?: string) => {
      const raw = double ?? single ?? bare ?? '';
      const value = unescapeAttribute(raw);
      const absolute = absoluteAttribute(name, value, base);
      return absolute === value ? whole : `${space}${name}${equals}"${escapeAttribute(absolute)}"`;
    }),
  );
}

function unescapeAttribute(value: string): string {
  return value.replace(/&(amp|quot|#39|apos|lt|gt);/g, (_, entity: string) => ({ amp: '&', quot: '"', '#39': "'", apos: "'", lt: '<', gt: '>' })[entity] as string);
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[char] as string);
}
