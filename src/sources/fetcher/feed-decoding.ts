import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/**
 * The text of a feed's bytes. A byte-order mark is the strongest evidence and wins; then the
 * HTTP charset, then the XML declaration, then sniffing (UTF-16 by its zero bytes, UTF-8 when
 * the bytes are valid UTF-8, else windows-1252). A legacy single-byte label on bytes that are
 * valid UTF-8 with non-ASCII characters is a wrong prolog: UTF-8 it is. Invalid bytes become
 * U+FFFD instead of rejecting the feed. Legacy encodings go through iconv-lite; ISO-8859-1 and
 * US-ASCII labels mean windows-1252, as on the web.
 */
export function decodeFeed(body: Buffer, contentType: string | undefined): string {
  const bom = byteOrderMark(body);
  if (bom) return iconv.decode(body.subarray(bom.length), bom.encoding);
  const sniffed = utf16Pattern(body);
  const declared = charsetOf(contentType) ?? sniffed ?? xmlDeclaration(body);
  const encoding = declared && iconv.encodingExists(declared) ? webLabel(declared) : null;
  if (!encoding) return iconv.decode(body, isUtf8(body) ? 'utf8' : 'win1252');
  if (isSingleByteLegacy(encoding) && hasNonAscii(body) && isUtf8(body)) return body.toString('utf8');
  return iconv.decode(body, encoding);
}

function byteOrderMark(body: Buffer): { length: number; encoding: string } | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { length: 3, encoding: 'utf8' };
  if (body[0] === 0xff && body[1] === 0xfe) return { length: 2, encoding: 'utf16le' };
  if (body[0] === 0xfe && body[1] === 0xff) return { length: 2, encoding: 'utf16be' };
  return null;
}

/** `<?` or `<r` written in UTF-16 without a mark. */
function utf16Pattern(body: Buffer): string | null {
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] !== 0x00) return 'utf16le';
  if (body[0] === 0x00 && body[1] === 0x3c) return 'utf16be';
  return null;
}

function charsetOf(contentType: string | undefined): string | null {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase() ?? null;
}

function xmlDeclaration(body: Buffer): string | null {
  const head = body.subarray(0, 512).toString('latin1').trimStart();
  return /^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

function webLabel(label: string): string {
  return ['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'cp1252', 'windows-1252'].includes(label) ? 'win1252' : label;
}

function isSingleByteLegacy(encoding: string): boolean {
  return /^(win|windows-|cp|iso-?8859|latin|koi8|mac)/i.test(encoding);
}

function hasNonAscii(body: Buffer): boolean {
  return body.some((byte) => byte >= 0x80);
}
