import { XMLParser } from 'fast-xml-parser';
import { escapeXml } from '../common/atom';

export interface OpmlOutline {
  title?: string;
  xmlUrl?: string;
  htmlUrl?: string;
  language?: string;
  categories?: string[];
}

const MAX_OUTLINES = 1_000;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: true,
  htmlEntities: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'outline',
});

/**
 * The feeds of an OPML document, nested folders flattened (a folder's name becomes a topic of
 * the feeds inside it). As with feeds, a document type declaration is cut out: no entity expands.
 */
export function parseOpml(xml: string): OpmlOutline[] {
  let document: Record<string, any>;
  try {
    document = parser.parse(xml.replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\]\s*)?>/i, ''));
  } catch (error) {
    throw new Error(`is not well-formed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  const body = document.opml?.body;
  if (!body) throw new Error('is not an OPML document: no <opml><body>');
  const outlines: OpmlOutline[] = [];
  const visit = (nodes: Record<string, any>[] | undefined, folders: string[]) => {
    for (const node of nodes ?? []) {
      if (outlines.length >= MAX_OUTLINES) return;
      const title = str(node.title) ?? str(node.text);
      if (node.xmlUrl) {
        const own = (str(node.category) ?? '').split(/[,/]/).map((category) => category.trim()).filter(Boolean);
        outlines.push({
          title,
          xmlUrl: str(node.xmlUrl),
          htmlUrl: str(node.htmlUrl),
          language: str(node.language),
          categories: [...new Set([...folders, ...own])],
        });
      }
      visit(node.outline, node.xmlUrl || !title ? folders : [...folders, title]);
    }
  };
  visit(body.outline, []);
  return outlines;
}

export function buildOpml({ title, outlines }: { title: string; outlines: OpmlOutline[] }): string {
  const attribute = (name: string, value: string | undefined) => (value ? ` ${name}="${escapeXml(value)}"` : '');
  const lines = outlines.map(
    (outline) =>
      `    <outline type="rss"${attribute('text', outline.title)}${attribute('title', outline.title)}${attribute('xmlUrl', outline.xmlUrl)}${attribute('htmlUrl', outline.htmlUrl)}${attribute('language', outline.language)}${attribute('category', outline.categories?.join(','))}/>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    `  <head><title>${escapeXml(title)}</title></head>`,
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 2000) : undefined;
}
