import { createTwoFilesPatch } from 'diff';
import { htmlToPlainText } from '../common/rich-text';
import { Language } from '../common/localized-text';

type RevisionText = { title: string; summary: string; body: string };

/** The words of a revision, a block of text per line, as diffs and quotes see them. */
function asText(revision: RevisionText): string {
  const blocks = revision.body.split(/<\/(?:p|h\d|li|blockquote|pre|figcaption|tr)>|<br\s*\/?>/).map(htmlToPlainText).filter(Boolean);
  return [revision.title, revision.summary, ...blocks].join('\n') + '\n';
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether `quote` is a passage of the revision, whitespace aside. */
export function quotesRevision(revision: RevisionText, quote: string): boolean {
  return collapse(asText(revision)).includes(collapse(quote));
}

/** A unified diff of the plain text (title, summary, body) of two revisions of one language. */
export function revisionDiff(language: Language, from: { number: number } & RevisionText, to: { number: number } & RevisionText): string {
  return createTwoFilesPatch(`${language} r${from.number}`, `${language} r${to.number}`, asText(from), asText(to));
}
