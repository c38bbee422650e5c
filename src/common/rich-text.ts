import sanitizeHtml from 'sanitize-html';

/**
 * What stored rich text may contain: structure and emphasis, links and images over http(s),
 * nothing that runs, styles or frames. Everything else is dropped on the way in, so what is
 * stored is safe to render.
 */
const RICH_TEXT: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'mark',
    'blockquote', 'q', 'cite', 'code', 'pre', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img', 'figure', 'figcaption',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'abbr',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'hreflang', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    abbr: ['title'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    '*': ['lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
  },
};

/** C0 controls but tab and line breaks: text hygiene refuses them typed; a character reference (`&#1;`) decodes to one. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, RICH_TEXT).replace(CONTROL, '').trim();
}

/**
 * Where a block of HTML ends (of stored rich text or of a feed's): the words on either side are
 * apart. A tag's rest stops at the next `<`: read to the next `>`, a feed's title of 60,000 `<br`
 * and no `>` took seconds.
 */
export const BLOCK_END = /<\/(?:p|div|h[1-6]|li|ul|ol|dd|dt|blockquote|pre|figcaption|caption|tr|td|th|table|section|article|header|footer|aside)\s*>|<(?:br|hr)\b[^<>]*>/gi;

/** The words of a fragment, without any markup: for titles, search and quotes. Two blocks are two words apart ("texte. Un", not "texte.Un"). */
export function htmlToPlainText(html: string): string {
  return sanitizeHtml(html.replace(BLOCK_END, '$& '), { allowedTags: [], allowedAttributes: {}, nonTextTags: RICH_TEXT.nonTextTags })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
