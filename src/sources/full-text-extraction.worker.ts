import { parentPort, workerData } from 'node:worker_threads';
import { extractArticle } from './full-text-extraction';

/** Extracts one large page's article off the main thread: the article, or null (no article, or an error). */
const { html, pageUrl } = workerData as { html: string; pageUrl: string };
let article: string | null;
try {
  article = extractArticle(html, pageUrl);
} catch {
  article = null;
}
parentPort?.postMessage(article);
