import { htmlToPlainText } from '../common/rich-text';

/** The words of an HTML fragment, shortened to `length` characters with an ellipsis; null when there are none. */
export function excerpt(html: string | null | undefined, length: number): string | null {
  const text = html ? htmlToPlainText(html) : '';
  if (!text) return null;
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}
