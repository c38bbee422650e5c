import { createHash } from 'node:crypto';
import { escapeXml as escapeHtml } from '../common/atom';
import { Language } from '../common/localized-text';

/** The words of the pages around what they show, in each language. */
export const WORDS = {
  fr: {
    skip: 'Passer au contenu principal',
    languages: 'Langue',
    otherLanguage: 'English',
    feeds: 'Fils de syndication :',
    published: 'Publié le',
    onlyIn: 'Ce texte n’est publié qu’en anglais.',
    publishedBy: 'Publié par',
    on: 'le',
    originallyPublishedBy: 'Publié à l’origine par',
    republicationConditions: 'Conditions de la republication\u00a0:',
    colon: '\u00a0:',
    locale: 'fr_CA',
  },
  en: {
    skip: 'Skip to main content',
    languages: 'Language',
    otherLanguage: 'Français',
    feeds: 'Feeds:',
    published: 'Published',
    onlyIn: 'This text is published in French only.',
    publishedBy: 'Published by',
    on: 'on',
    originallyPublishedBy: 'Originally published by',
    republicationConditions: 'Conditions of republication:',
    colon: ':',
    locale: 'en_CA',
  },
} satisfies Record<Language, Record<string, string>>;

/** XML escaping is valid HTML escaping: one function for feeds and pages. */
export { escapeHtml };

export const OTHER_LANGUAGE: Record<Language, Language> = { fr: Language.en, en: Language.fr };

/** Absolute addresses of one page in each language, and of the feeds it belongs to. */
export interface PageAddresses {
  fr: string;
  en: string;
  atom: string;
  json: string;
}

/** What every public page declares around its content. */
export interface PublicPage {
  language: Language;
  title: string;
  description: string;
  siteName: string;
  feedTitle: string;
  addresses: PageAddresses;
  /** Where search engines should credit the page, when not at its own address: a republication's original. */
  canonical?: string;
  publishedAt: Date;
  modifiedAt: Date;
  /** schema.org data, written as JSON-LD. */
  structuredData: Record<string, unknown>;
  /** The HTML of the main landmark: escaped or already-sanitized markup. */
  content: string;
}

// Contrast of at least 7:1 for text and links, a visible focus ring, a skip link shown when focused.
const STYLE = [
  'body{margin:0;font:1.0625rem/1.6 system-ui,sans-serif;color:#1b1b1b;background:#fff}',
  'header,main,footer{max-width:44rem;margin:0 auto;padding:1rem}',
  'header{display:flex;justify-content:space-between;align-items:baseline;border-bottom:1px solid #6b6b6b}',
  'a{color:#0b4a85;text-decoration:underline}',
  'a:focus-visible,main:focus-visible{outline:3px solid #9e3d00;outline-offset:2px}',
  '.skip{position:absolute;left:-999rem}',
  '.skip:focus{position:static;display:block;padding:.5rem 1rem;background:#fff}',
  '.site{font-weight:700;margin:0}',
  '.byline,.meta,.notice,.attribution{color:#3b3b3b}',
  'img{max-width:100%;height:auto}',
  'footer{border-top:1px solid #6b6b6b;font-size:.9375rem}',
].join('');
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** What a browser may do with a public page made of other people's text: show it and its images, nothing more. */
export const PAGE_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; img-src https: http:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
};

/**
 * JSON-LD inside a script element: `<`, `>` and `&` are written as JSON escapes, so no text of the
 * data ends the element (`</script>`) or opens a comment, and the JSON parses back to the same value.
 */
export function jsonLdScript(data: Record<string, unknown>): string {
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<script type="application/ld+json">${json}</script>`;
}

/** "1 décembre 2026", "December 1, 2026": the day (UTC, as the feeds and digests give it) in the page's language. */
export function longDate(instant: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === Language.fr ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(instant);
}

export function timeElement(instant: Date, language: Language): string {
  return `<time datetime="${instant.toISOString()}">${escapeHtml(longDate(instant, language))}</time>`;
}

/** A complete page: landmarks, skip link, language switch, canonical and hreflang links, Open Graph and JSON-LD. */
export function renderPublicPage(page: PublicPage): string {
  const words = WORDS[page.language];
  const other = OTHER_LANGUAGE[page.language];
  const { addresses } = page;
  const meta = (property: string, content: string) => `<meta property="${property}" content="${escapeHtml(content)}">`;
  const canonical = page.canonical ?? addresses[page.language];
  return [
    '<!DOCTYPE html>',
    `<html lang="${page.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)} — ${escapeHtml(page.siteName)}</title>`,
    `<meta name="description" content="${escapeHtml(page.description)}">`,
    `<link rel="canonical" href="${escapeHtml(canonical)}">`,
    `<link rel="alternate" hreflang="fr" href="${escapeHtml(addresses.fr)}">`,
    `<link rel="alternate" hreflang="en" href="${escapeHtml(addresses.en)}">`,
    `<link rel="alternate" hreflang="x-default" href="${escapeHtml(addresses.fr)}">`,
    `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(page.feedTitle)}" href="${escapeHtml(addresses.atom)}">`,
    `<link rel="alternate" type="application/feed+json" title="${escapeHtml(page.feedTitle)}" href="${escapeHtml(addresses.json)}">`,
    meta('og:type', 'article'),
    meta('og:title', page.title),
    meta('og:description', page.description),
    meta('og:url', canonical),
    meta('og:site_name', page.siteName),
    meta('og:locale', words.locale),
    meta('og:locale:alternate', WORDS[other].locale),
    meta('article:published_time', page.publishedAt.toISOString()),
    meta('article:modified_time', page.modifiedAt.toISOString()),
    `<style>${STYLE}</style>`,
    jsonLdScript(page.structuredData),
    '</head>',
    '<body>',
    `<a class="skip" href="#main">${words.skip}</a>`,
    '<header>',
    `<p class="site">${escapeHtml(page.siteName)}</p>`,
    `<nav aria-label="${words.languages}"><a href="${escapeHtml(addresses[other])}" hreflang="${other}" lang="${other}" rel="alternate">${words.otherLanguage}</a></nav>`,
    '</header>',
    `<main id="main" tabindex="-1">\n${page.content}\n</main>`,
    '<footer>',
    `<p>${words.feeds} <a href="${escapeHtml(addresses.atom)}">Atom</a> · <a href="${escapeHtml(addresses.json)}">JSON Feed</a></p>`,
    '</footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
