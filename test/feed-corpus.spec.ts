import { parseFeed } from '../src/sources/fetcher/feed-parser';
import { corpusReport, runCorpus } from './support/feed-corpus';

/**
 * The parser against a corpus of real-world and edge-case feeds (test/fixtures/feeds/<category>/,
 * each folder's expected.json saying what a mature reader extracts from each file). The pass
 * rate per category is printed; every case must pass.
 */
describe('the feed corpus', () => {
  const results = runCorpus(parseFeed);

  it('has at least 200 feeds', () => {
    expect(results.reduce((sum, result) => sum + result.total, 0)).toBeGreaterThanOrEqual(200);
  });

  it('extracts what is expected of every feed', () => {
    process.stdout.write(`Feed corpus, cases passed per category:\n${corpusReport(results)}\n`);
    expect(results.flatMap((result) => result.failures)).toEqual([]);
  });
});
