import { htmlToPlainText } from '../common/rich-text';

/** What the text of a cut fragment may hold past the text of the whole at the cut: a word or a character reference in two. */
const CUT_MARGIN = 32;

/**
 * The words of an HTML fragment, shortened to `length` characters with an ellipsis; null when there
 * are none. Only as much of the fragment as the excerpt needs is read: converting a long one whole
 * (a full-text feed's item holds up to 200,000 characters) held the event loop tens of
 * milliseconds per item, seconds for a page or a digest. The fragment is cut after a tag, never in
 * one; its text then begins as the whole's, and is taken once it is longer than the excerpt by
 * CUT_MARGIN.
 */
export function excerpt(html: string | null | undefined, length: number): string | null {
  if (!html) return null;
  for (let read = Math.max(length * 8, 4096); ; read *= 4) {
    const whole = read >= html.length;
    const text = htmlToPlainText(whole ? html : html.slice(0, html.lastIndexOf('>', read) + 1 || read));
    if (whole || text.length > length + CUT_MARGIN) return shortened(text, length);
  }
}

function shortened(text: string, length: number): string | null {
  if (!text) return null;
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}
