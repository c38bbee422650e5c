import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseFeed } from './feed-parser';
import { OFF_THREAD_BYTES, parseFeedOffThread } from './feed-parsing';

const BASE = 'https://big.example/feed.xml';
const ITEMS = 20_000;
const bigFeed = Buffer.from(`<rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>${Array.from({ length: ITEMS }, (_, n) => `<item><title>Item ${n} &eacute;</title><guid>g${n}</guid><description>&lt;a href="/p/${n}"&gt;${n}&lt;/a&gt;</description></item>`).join('')}</channel></rss>`);

describe('parseFeedOffThread', () => {
  it('parses a small body on the spot and a large one in a worker thread, with the same result', async () => {
    const small = Buffer.from('<rss><channel><title>Small</title><item><guid>1</guid></item></channel></rss>');
    expect(small.length).toBeLessThan(OFF_THREAD_BYTES);
    expect((await parseFeedOffThread(small, undefined, BASE, 10)).items).toHaveLength(1);
    expect(bigFeed.length).toBeGreaterThan(OFF_THREAD_BYTES);
    const offThread = await parseFeedOffThread(bigFeed, undefined, BASE, 50);
    expect(offThread).toEqual(parseFeed(bigFeed, undefined, BASE, 50));
    expect(offThread.items[49]).toMatchObject({ guid: 'g49', title: 'Item 49 é', summaryHtml: '<a href="https://big.example/p/49">49</a>' });
  });

  it('does not block the event loop while it parses a 20,000-item feed', async () => {
    // The same parse on this thread, in this run: what the event loop would wait for.
    const started = performance.now();
    expect(parseFeed(bigFeed, undefined, BASE, ITEMS).items).toHaveLength(ITEMS);
    const onThreadMs = performance.now() - started;

    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const feed = await parseFeedOffThread(bigFeed, undefined, BASE, ITEMS);
    delay.disable();
    expect(feed.items).toHaveLength(ITEMS);
    // Half the on-thread parse: room for a busy machine, far below what blocking would cost.
    expect(delay.max / 1e6).toBeLessThan(onThreadMs / 2);
  });

  it('says why a large body is not a feed', async () => {
    const page = Buffer.from(`<html><body>${'x'.repeat(OFF_THREAD_BYTES)}</body></html>`);
    await expect(parseFeedOffThread(page, 'text/html', BASE, 10)).rejects.toThrow('Not a feed: the document is <html>');
  });
});
