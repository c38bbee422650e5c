import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { sanitizeRichText } from '../common/rich-text';
import { absoluteHtml } from './fetcher/feed-urls';

/** An article is clipped as a feed's content is. */
const MAX_ARTICLE_CHARS = 200_000;
/** A page with more elements is not an article worth reading, and would hold the thread too long. */
const MAX_ELEMENTS = 50_000;

/**
 * The article of a web page, as stored content: Readability's extraction over a linkedom DOM, its
 * links made absolute against the page's address, then sanitized like every fragment of a feed
 * (scripts, styles, handlers and frames go). Null when the page has no readable article.
 */
export function extractArticle(html: string, pageUrl: string): string | null {
  const { document } = parseHTML(html);
  let article: ReturnType<Readability['parse']>;
  try {
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { maxElemsToParse: MAX_ELEMENTS }).parse();
  } catch {
    // Readability refuses a page over MAX_ELEMENTS by throwing.
    return null;
  }
  const content = sanitizeRichText(absoluteHtml(article?.content ?? '', pageUrl));
  return content ? content.slice(0, MAX_ARTICLE_CHARS) : null;
}
