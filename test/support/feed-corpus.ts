import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlToPlainText } from '../../src/common/rich-text';
import type { ParsedFeed, ParsedItem } from '../../src/sources/fetcher/feed-parser';

export const CORPUS = join(__dirname, '..', 'fixtures', 'feeds');
const DOCUMENT_URL = 'https://example.org/feeds/main.xml';

/** What a case expects of one entry; absent keys are not checked. `content`: substrings of its content or summary. */
interface ExpectedItem {
  title?: string;
  url?: string | null;
  guid?: string;
  author?: string;
  language?: string;
  published?: string | null;
  updated?: string | null;
  content?: string[];
  summary?: string[];
  excludes?: string[];
  enclosures?: string[];
}

interface ExpectedCase {
  url?: string;
  contentType?: string;
  error?: boolean;
  count?: number;
  skipped?: number;
  feed?: { title?: string; siteUrl?: string; language?: string };
  items?: ExpectedItem[];
}

/** What a parser returns, the fields an earlier parser or another library may lack optional (they count as missing). */
type Parsed = Pick<ParsedFeed, 'title' | 'siteUrl' | 'language'> & {
  skippedItems?: number;
  items: (Omit<ParsedItem, 'enclosures'> & { enclosures?: string[] })[];
};

export type Parse = (body: Buffer, contentType: string | undefined, documentUrl: string) => Parsed;

export interface CategoryResult {
  category: string;
  passed: number;
  total: number;
  failures: string[];
}

const plain = (html: string | null | undefined) => (html ? htmlToPlainText(html) : null);
const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** The first difference between what the parser extracted and what the case expects, or null. */
function difference(parsed: Parsed, expected: ExpectedCase): string | null {
  const differs = (what: string, actual: unknown, wanted: unknown) => (actual === wanted ? null : `${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
  const checks: (string | null)[] = [];
  const feed = expected.feed ?? {};
  if (feed.title !== undefined) checks.push(differs('feed title', plain(parsed.title), feed.title));
  if (feed.siteUrl !== undefined) checks.push(differs('site url', parsed.siteUrl, feed.siteUrl));
  if (feed.language !== undefined) checks.push(differs('feed language', parsed.language, feed.language));
  if (expected.count !== undefined) checks.push(differs('item count', parsed.items.length, expected.count));
  if (expected.skipped !== undefined) checks.push(differs('skipped items', parsed.skippedItems, expected.skipped));
  (expected.items ?? []).forEach((wanted, index) => {
    const item = parsed.items[index];
    if (!item) return checks.push(`item ${index}: missing`);
    const at = (what: string) => `item ${index} ${what}`;
    if (wanted.title !== undefined) checks.push(differs(at('title'), plain(item.title), wanted.title));
    if (wanted.url !== undefined) checks.push(differs(at('url'), item.url, wanted.url));
    if (wanted.guid !== undefined) checks.push(differs(at('guid'), item.guid, wanted.guid));
    if (wanted.author !== undefined) checks.push(differs(at('author'), plain(item.author), wanted.author));
    if (wanted.language !== undefined) checks.push(differs(at('language'), item.language, wanted.language));
    if (wanted.published !== undefined) checks.push(differs(at('published'), iso(item.publishedAt), wanted.published));
    if (wanted.updated !== undefined) checks.push(differs(at('updated'), iso(item.updatedAt), wanted.updated));
    const html = `${item.contentHtml ?? ''}\n${item.summaryHtml ?? ''}`;
    for (const part of wanted.content ?? []) if (!html.includes(part)) checks.push(`${at('content')}: ${JSON.stringify(part)} not in ${JSON.stringify(html)}`);
    for (const part of wanted.summary ?? []) if (!(item.summaryHtml ?? '').includes(part)) checks.push(`${at('summary')}: ${JSON.stringify(part)} not in ${JSON.stringify(item.summaryHtml)}`);
    for (const part of wanted.excludes ?? []) if (html.includes(part)) checks.push(`${at('content')}: ${JSON.stringify(part)} should not be in ${JSON.stringify(html)}`);
    for (const url of wanted.enclosures ?? []) if (!(item.enclosures ?? []).includes(url)) checks.push(`${at('enclosures')}: ${url} not in ${JSON.stringify(item.enclosures)}`);
  });
  return checks.find((check) => check !== null) ?? null;
}

/** Runs every case of every category of the corpus through `parse`. */
export function runCorpus(parse: Parse): CategoryResult[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map(({ name: category }) => {
      const cases: Record<string, ExpectedCase> = JSON.parse(readFileSync(join(CORPUS, category, 'expected.json'), 'utf8'));
      const failures = Object.entries(cases).flatMap(([file, expected]) => {
        const body = readFileSync(join(CORPUS, category, file));
        let failure: string | null;
        try {
          const parsed = parse(body, expected.contentType ?? 'application/xml', expected.url ?? DOCUMENT_URL);
          failure = expected.error ? 'parsed, expected a refusal' : difference(parsed, expected);
        } catch (error) {
          failure = expected.error ? null : `refused: ${(error as Error).message}`;
        }
        return failure ? [`${category}/${file}: ${failure}`] : [];
      });
      const total = Object.keys(cases).length;
      return { category, passed: total - failures.length, total, failures };
    });
}

/** One line per category, and the whole corpus. */
export function corpusReport(results: CategoryResult[]): string {
  const line = (name: string, passed: number, total: number) => `${name.padEnd(10)} ${String(passed).padStart(3)}/${String(total).padEnd(3)} ${((100 * passed) / total).toFixed(1).padStart(5)} %`;
  const passed = results.reduce((sum, result) => sum + result.passed, 0);
  const total = results.reduce((sum, result) => sum + result.total, 0);
  return [...results.map((result) => line(result.category, result.passed, result.total)), line('all', passed, total)].join('\n');
}
