import { Language, LANGUAGES, LocalizedText } from '../common/localized-text';
import { DigestEntry } from './digest.entity';
import { httpUrlOrNull } from './links';

/** What a digest shows, whichever format it is read in. */
export interface RenderableDigest {
  workspaceName: LocalizedText;
  periodStart: Date;
  periodEnd: Date;
  introduction: LocalizedText | null;
  entries: DigestEntry[];
}

const WORDS = {
  fr: { digest: 'Sommaire de veille', from: 'du', to: 'au', source: 'Source', empty: 'Aucun élément retenu.' },
  en: { digest: 'Watch digest', from: 'from', to: 'to', source: 'Source', empty: 'No featured item.' },
} satisfies Record<Language, Record<string, string>>;

/** The day an instant falls on (UTC), as YYYY-MM-DD. */
function day(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** "Veille numérique — Sommaire de veille du 2025-11-17 au 2025-11-23" (the end is the last day included). */
export function digestTitle(digest: Pick<RenderableDigest, 'workspaceName' | 'periodStart' | 'periodEnd'>, language: Language): string {
  const words = WORDS[language];
  const lastDay = new Date(Math.max(digest.periodStart.getTime(), digest.periodEnd.getTime() - 1));
  return `${digest.workspaceName[language]} — ${words.digest} ${words.from} ${day(digest.periodStart)} ${words.to} ${day(lastDay)}`;
}

/** Both titles, for places that have room for one string only (an Atom entry). */
export function bilingualDigestTitle(digest: Pick<RenderableDigest, 'workspaceName' | 'periodStart' | 'periodEnd'>): string {
  return LANGUAGES.map((language) => digestTitle(digest, language)).join(' / ');
}


export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}

/** Every ASCII punctuation mark CommonMark could read as syntax (or as HTML), backslash-escaped; line breaks folded. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, (char) => `\\${char}`);
}

/** A link destination Markdown cannot misread: within <…>, with what would end it percent-encoded. */
function markdownDestination(href: string): string {
  return `<${href.replace(/[<>\s\\]/g, (char) => encodeURIComponent(char))}>`;
}

/**
 * The digest's body as an HTML fragment: every text escaped, every link http(s). The
 * introduction comes in each of `languages` (both by default); entries stay in their own language.
 */
export function renderDigestFragment(digest: RenderableDigest, languages: readonly Language[] = LANGUAGES): string {
  const intro = languages
    .map((language) => {
      const text = digest.introduction?.[language];
      const paragraphs = text ? text.split(/\n{2,}/).map((paragraph) => `<p>${escapeHtml(paragraph.trim())}</p>`).join('') : '';
      return `<section lang="${language}"><h1>${escapeHtml(digestTitle(digest, language))}</h1>${paragraphs}</section>`;
    })
    .join('\n');
  const words = WORDS[languages[0]];
  const entries = digest.entries.length
    ? `<ol>\n${digest.entries.map((entry) => renderEntryHtml(entry, words)).join('\n')}\n</ol>`
    : `<p>${escapeHtml(languages.map((language) => WORDS[language].empty).join(' / '))}</p>`;
  return `${intro}\n${entries}`;
}

function renderEntryHtml(entry: DigestEntry, words: (typeof WORDS)[Language]): string {
  const href = httpUrlOrNull(entry.url);
  const title = href ? `<a href="${escapeHtml(href)}">${escapeHtml(entry.title)}</a>` : escapeHtml(entry.title);
  const source = httpUrlOrNull(entry.sourceUrl);
  const sourceName = escapeHtml(entry.sourceTitle ?? entry.sourceUrl);
  return [
    `<li${entry.language ? ` lang="${entry.language}"` : ''}>`,
    `<h2>${title}</h2>`,
    `<p><small>${words.source}: ${source ? `<a href="${escapeHtml(source)}">${sourceName}</a>` : sourceName} · <time datetime="${entry.publishedAt.toISOString()}">${day(entry.publishedAt)}</time>${entry.author ? ` · ${escapeHtml(entry.author)}` : ''}</small></p>`,
    entry.excerpt ? `<p>${escapeHtml(entry.excerpt)}</p>` : '',
    entry.annotation ? `<blockquote><p>${escapeHtml(entry.annotation)}</p></blockquote>` : '',
    entry.tags.length ? `<p>${entry.tags.map((tag) => `<code>${escapeHtml(tag)}</code>`).join(' ')}</p>` : '',
    '</li>',
  ].join('');
}

/** A complete HTML document, for reading in a browser. */
export function renderDigestHtml(digest: RenderableDigest, languages: readonly Language[] = LANGUAGES): string {
  const title = languages.map((language) => digestTitle(digest, language)).join(' / ');
  return [
    '<!DOCTYPE html>',
    `<html lang="${languages[0]}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>`,
    `<body><article>\n${renderDigestFragment(digest, languages)}\n</article></body>`,
    '</html>',
    '',
  ].join('\n');
}

/** The same as Markdown (CommonMark): text escaped, so nothing from a feed becomes markup or a raw HTML block. */
export function renderDigestMarkdown(digest: RenderableDigest, languages: readonly Language[] = LANGUAGES): string {
  const words = WORDS[languages[0]];
  const lines: string[] = [];
  for (const language of languages) {
    lines.push(`# ${escapeMarkdown(digestTitle(digest, language))}`, '');
    const text = digest.introduction?.[language];
    if (text) text.split(/\n{2,}/).forEach((paragraph) => lines.push(escapeMarkdown(paragraph.trim()), ''));
  }
  if (!digest.entries.length) lines.push(escapeMarkdown(languages.map((language) => WORDS[language].empty).join(' / ')), '');
  digest.entries.forEach((entry, index) => {
    const href = httpUrlOrNull(entry.url);
    const title = href ? `[${escapeMarkdown(entry.title)}](${markdownDestination(href)})` : escapeMarkdown(entry.title);
    lines.push(`## ${index + 1}\\. ${title}`, '');
    const source = httpUrlOrNull(entry.sourceUrl);
    const sourceName = escapeMarkdown(entry.sourceTitle ?? entry.sourceUrl);
    const byline = [source ? `[${sourceName}](${markdownDestination(source)})` : sourceName, day(entry.publishedAt).replace(/-/g, '\\-')];
    if (entry.author) byline.push(escapeMarkdown(entry.author));
    lines.push(`*${words.source}: ${byline.join(' · ')}*`, '');
    if (entry.excerpt) lines.push(escapeMarkdown(entry.excerpt), '');
    if (entry.annotation) lines.push(`> ${escapeMarkdown(entry.annotation)}`, '');
    if (entry.tags.length) lines.push(entry.tags.map((tag) => `\`${tag.replace(/`/g, "'").replace(/\s+/g, ' ')}\``).join(' '), '');
  });
  return lines.join('\n');
}
