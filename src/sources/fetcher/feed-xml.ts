import { decodeHTMLStrict } from 'entities';
import { Parser } from 'htmlparser2';
import { absoluteAttribute, absoluteUrl, escapeAttribute } from './feed-urls';

/**
 * A streaming, forgiving reading of a feed's XML into small trees: one for the feed's own
 * elements and one per item, built while the text is read, so reading stops at the item cap.
 * Entities are the XML and HTML named ones and character references, from a fixed table: a
 * document type declaration is never read, so nothing external is fetched and nothing expands.
 * Text constructs (title, summary, content…) keep their inner markup as parts to render later.
 */
export interface XmlNode {
  /** The element's name with a known prefix (dc:, media:…), bare for RSS, RDF and Atom elements. */
  name: string;
  attributes: Record<string, string>;
  text: string;
  /** The xml:base in force, resolved against the document address. */
  base: string;
  /** Whether some xml:base set `base` (otherwise it is the document address). */
  explicitBase: boolean;
  language: string | null;
  children: XmlNode[];
  /** For text constructs: what they contain, in order. */
  parts?: Part[];
}

export type Part = { kind: 'text' | 'cdata'; value: string } | { kind: 'open' | 'close'; name: string; depth: number; html: string };

export interface XmlFeed {
  root: XmlNode;
  items: XmlNode[];
}

const FEED_VOCABULARIES = new Set([
  '',
  'http://purl.org/rss/1.0/',
  'http://my.netscape.com/rdf/simple/0.9/',
  'http://www.w3.org/2005/atom',
  'http://purl.org/atom/ns#',
  'http://backend.userland.com/rss2',
  'http://backend.userland.com/rss',
]);
const PREFIXES: Record<string, string> = {
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://www.w3.org/1999/xhtml': 'xhtml',
};
const FEED_ROOTS = new Set(['rss', 'rdf:rdf', 'feed']);
const TEXT_CONSTRUCTS = new Set(['title', 'subtitle', 'tagline', 'summary', 'content', 'description', 'content:encoded', 'media:description', 'media:title', 'rights', 'copyright', 'info']);
const VOID_ELEMENTS = new Set(['br', 'img', 'hr', 'input', 'source', 'wbr', 'area', 'col', 'embed', 'param', 'track']);
const CHUNK = 64 * 1024;

interface Frame {
  node: XmlNode | null;
  namespaces: Map<string, string>;
  base: string;
  explicitBase: boolean;
  language: string | null;
}

/** What makes a body unusable as a feed, said for people (it is shown on the source). */
export class FeedParseError extends Error {}

/** Reads `text` into trees, keeping at most `maxItems` items (the rest is not read). */
export function readFeedXml(text: string, documentUrl: string, maxItems: number): XmlFeed {
  const top: Frame = { node: null, namespaces: new Map([['xml', 'xml']]), base: documentUrl, explicitBase: false, language: null };
  const frames: Frame[] = [top];
  const items: XmlNode[] = [];
  let root: XmlNode | null = null;
  let item: XmlNode | null = null;
  let construct: { node: XmlNode; open: string[] } | null = null;
  let inCdata = false;
  let full = false;

  const canonical = (raw: string, namespaces: Map<string, string>): string => {
    const colon = raw.indexOf(':');
    const prefix = colon < 0 ? '' : raw.slice(0, colon);
    const local = (colon < 0 ? raw : raw.slice(colon + 1)).toLowerCase();
    const uri = namespaces.get(prefix);
    if (uri === undefined) return prefix ? `${prefix.toLowerCase()}:${local}` : local;
    const known = PREFIXES[uri] ?? PREFIXES[uri.toLowerCase()];
    if (known) return `${known}:${local}`;
    return FEED_VOCABULARIES.has(uri.toLowerCase()) || !prefix ? local : `${prefix.toLowerCase()}:${local}`;
  };

  const parser = new Parser(
    {
      onopentag(raw, rawAttributes) {
        if (full) return;
        const parent = frames[frames.length - 1];
        const attributes: Record<string, string> = {};
        let namespaces = parent.namespaces;
        for (const [name, value] of Object.entries(rawAttributes)) {
          const decoded = decodeHTMLStrict(value);
          if (name === 'xmlns' || name.startsWith('xmlns:')) {
            if (namespaces === parent.namespaces) namespaces = new Map(parent.namespaces);
            namespaces.set(name === 'xmlns' ? '' : name.slice(6), decoded.trim());
          } else attributes[name.toLowerCase()] = decoded;
        }
        const declaredBase = attributes['xml:base'];
        const base = declaredBase ? (absoluteUrl(declaredBase, parent.base) ?? parent.base) : parent.base;
        const frame: Frame = { node: null, namespaces, base, explicitBase: parent.explicitBase || !!declaredBase, language: attributes['xml:lang'] ?? parent.language };
        frames.push(frame);
        if (construct) {
          const local = raw.slice(raw.indexOf(':') + 1).toLowerCase();
          const html = Object.entries(attributes)
            .filter(([name]) => !name.startsWith('xml:'))
            .map(([name, value]) => ` ${name}="${escapeAttribute(absoluteAttribute(name, value, base))}"`)
            .join('');
          construct.open.push(local);
          construct.node.parts?.push({ kind: 'open', name: local, depth: construct.open.length, html: `<${local}${html}>` });
          return;
        }
        const name = canonical(raw, namespaces);
        const node: XmlNode = { name, attributes, text: '', base, explicitBase: frame.explicitBase, language: frame.language, children: [] };
        frame.node = node;
        if (!root) {
          if (!FEED_ROOTS.has(name)) throw new FeedParseError(`Not a feed: the document is <${raw}>`);
          root = node;
          return;
        }
        const isItem = !item && (name === 'item' || name === 'entry');
        if (isItem && items.length >= maxItems) {
          full = true;
          return;
        }
        if (isItem) {
          item = node;
          items.push(node);
        } else (parentNode(frames) ?? root).children.push(node);
        if (TEXT_CONSTRUCTS.has(name)) {
          node.parts = [];
          construct = { node, open: [] };
        }
      },
      ontext(raw) {
        if (full) return;
        const value = inCdata ? raw : decodeHTMLStrict(raw);
        if (construct) construct.node.parts?.push({ kind: inCdata ? 'cdata' : 'text', value });
        else {
          const node = frames[frames.length - 1].node;
          if (node) node.text += value;
        }
      },
      oncdatastart: () => (inCdata = true),
      oncdataend: () => (inCdata = false),
      onclosetag() {
        if (full) return;
        const frame = frames.pop();
        if (construct && construct.open.length > 0) {
          const depth = construct.open.length;
          const name = construct.open.pop() as string;
          construct.node.parts?.push({ kind: 'close', name, depth, html: VOID_ELEMENTS.has(name) ? '' : `</${name}>` });
          return;
        }
        if (construct && frame?.node === construct.node) construct = null;
        if (frame?.node && frame.node === item) item = null;
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeSelfClosing: true },
  );
  for (let offset = 0; offset < text.length && !full; offset += CHUNK) parser.write(text.slice(offset, offset + CHUNK));
  if (!full) parser.end();
  if (!root) throw new FeedParseError('Not a feed: no RSS, RDF or Atom root element');
  return { root, items };
}

/** The nearest enclosing element that has a node (elements inside text constructs have none). */
function parentNode(frames: Frame[]): XmlNode | null {
  for (let index = frames.length - 2; index >= 0; index--) if (frames[index].node) return frames[index].node;
  return null;
}

/** The first child named `name` (`a/b` for a grandchild). */
export function child(node: XmlNode | null | undefined, path: string): XmlNode | null {
  const slash = path.indexOf('/');
  const name = slash < 0 ? path : path.slice(0, slash);
  for (const candidate of node?.children ?? []) {
    if (candidate.name !== name) continue;
    if (slash < 0) return candidate;
    const found = child(candidate, path.slice(slash + 1));
    if (found) return found;
  }
  return null;
}

/** Every child named `name` (`a/b` for grandchildren), in order. */
export function childrenOf(node: XmlNode | null | undefined, path: string): XmlNode[] {
  const slash = path.indexOf('/');
  const name = slash < 0 ? path : path.slice(0, slash);
  const found: XmlNode[] = [];
  for (const candidate of node?.children ?? []) {
    if (candidate.name !== name) continue;
    if (slash < 0) found.push(candidate);
    else found.push(...childrenOf(candidate, path.slice(slash + 1)));
  }
  return found;
}
