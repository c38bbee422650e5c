import { createTwoFilesPatch, formatPatch } from 'diff';
import { BLOCK_END, htmlToPlainText } from '../common/rich-text';
import { Language } from '../common/localized-text';

type RevisionText = { title: string; summary: string; body: string };

/** Marks the end of a block through one conversion to text: a control character, a blank wherever the body holds one already. */
const END_MARK = '\u0001';

/** The words of a revision, a block of text per line, as diffs and quotes see them. The body is converted at once: block by block, a long one took seconds. */
function asText(revision: RevisionText): string {
  const blocks = htmlToPlainText(revision.body.replaceAll(END_MARK, ' ').replace(BLOCK_END, `$&${END_MARK}`))
    .split(END_MARK)
    .map((block) => block.trim())
    .filter(Boolean);
  return [revision.title, revision.summary, ...blocks].join('\n') + '\n';
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether `quote` is a passage of the revision, whitespace aside. */
export function quotesRevision(revision: RevisionText, quote: string): boolean {
  return collapse(asText(revision)).includes(collapse(quote));
}

/**
 * How long one diff may hold the event loop: the finest diff of two long texts that differ
 * everywhere takes seconds (Myers' algorithm grows with the length times the differences).
 */
const DIFF_TIMEOUT_MS = 50;

/**
 * A unified diff of the plain text (title, summary, body) of two revisions of one language; of two
 * that differ too much to compare within DIFF_TIMEOUT_MS, one hunk that replaces every line of the
 * first with every line of the second (a true diff, only a coarse one).
 */
export function revisionDiff(language: Language, from: { number: number } & RevisionText, to: { number: number } & RevisionText): string {
  const [oldName, newName, oldText, newText] = [`${language} r${from.number}`, `${language} r${to.number}`, asText(from), asText(to)];
  return createTwoFilesPatch(oldName, newName, oldText, newText, undefined, undefined, { timeout: DIFF_TIMEOUT_MS }) ?? wholeReplacement(oldName, newName, oldText, newText);
}

function wholeReplacement(oldFileName: string, newFileName: string, oldText: string, newText: string): string {
  // Each text ends with a line break: its lines are what comes before each.
  const [removed, added] = [oldText, newText].map((text) => text.split('\n').slice(0, -1));
  const lines = [...removed.map((line) => `-${line}`), ...added.map((line) => `+${line}`)];
  return formatPatch({ oldFileName, newFileName, oldHeader: undefined, newHeader: undefined, hunks: [{ oldStart: 1, oldLines: removed.length, newStart: 1, newLines: added.length, lines }] });
}
