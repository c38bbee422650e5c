import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FeedParseError, parseFeed, ParsedFeed } from './feed-parser';

/** Bodies from this size are parsed in a worker thread: below, the thread costs more than the parse. */
export const OFF_THREAD_BYTES = 256 * 1024;

const WORKER_FILE = join(__dirname, `feed-parse.worker${extname(__filename)}`);

export interface FeedParseRequest {
  body: Uint8Array;
  contentType: string | undefined;
  documentUrl: string;
  maxItems: number;
}

export type FeedParseResponse = { feed: ParsedFeed } | { error: string; parseError: boolean };

/** From dist the worker is JavaScript; from the TypeScript sources (jest, ts-node) it is compiled as ts-node does. */
function spawnWorker(workerData: FeedParseRequest): Worker {
  if (extname(__filename) !== '.ts') return new Worker(WORKER_FILE, { workerData });
  return new Worker(`require('ts-node/register/transpile-only'); require(${JSON.stringify(WORKER_FILE)});`, { eval: true, workerData });
}

/**
 * parseFeed without blocking the event loop: a large body is parsed in a worker thread of its
 * own, which ends with the parse; a small one right here.
 */
export function parseFeedOffThread(body: Buffer, contentType: string | undefined, documentUrl: string, maxItems: number): Promise<ParsedFeed> {
  if (body.length < OFF_THREAD_BYTES) return Promise.resolve(parseFeed(body, contentType, documentUrl, maxItems));
  return new Promise((resolve, reject) => {
    const worker = spawnWorker({ body, contentType, documentUrl, maxItems });
    worker.once('message', (response: FeedParseResponse) => {
      void worker.terminate();
      if ('feed' in response) resolve(response.feed);
      else reject(response.parseError ? new FeedParseError(response.error) : new Error(response.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The feed parser stopped (exit code ${code})`)));
  });
}
