/** The marks ts_headline puts around matched words: private-use characters, removed from the text first, so content cannot fake them. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** An excerpt safe to render: every character of the content escaped, and only our own marks turned into <mark>. */
export function safeHighlight(headline: string): string {
  return headline
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[&<>"']/g, (char) => ESCAPES[char])
    .replaceAll(MARK_START, '<mark>')
    .replaceAll(MARK_END, '</mark>');
}
