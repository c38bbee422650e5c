import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { spawnWorker } from '../../common/worker-threads';
import { FeedParseError, parseFeed, ParsedFeed } from './feed-parser';

/** Bodies from this size are parsed in a worker thread: below, the thread costs more than the parse. */
export const OFF_THREAD_BYTES = 256 * 1024;

/** A parse that takes longer is a hostile or broken feed: its thread is ended. */
const PARSE_TIMEOUT_MS = 20_000;

/** Parser threads at once, whatever the number of fetches: the rest wait their turn. */
const PARSER_THREADS = Math.max(1, availableParallelism() - 1);

/** A parse holds a bounded heap: a body of a few MiB never needs more. */
const PARSER_HEAP_MB = 256;

export interface FeedParseRequest {
  body: Uint8Array;
  contentType: string | undefined;
  documentUrl: string;
  maxItems: number;
}

export type FeedParseResponse = { feed: ParsedFeed } | { error: string; parseError: boolean };

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `parse` when a parser thread is free. */
async function inTurn<T>(parse: () => Promise<T>): Promise<T> {
  if (running >= PARSER_THREADS) await new Promise<void>((turn) => waiting.push(turn));
  running++;
  try {
    return await parse();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * parseFeed without blocking the event loop: a large body is parsed in a worker thread of its
 * own, which ends with the parse (or after PARSE_TIMEOUT_MS); a small one right here.
 */
export function parseFeedOffThread(body: Buffer, contentType: string | undefined, documentUrl: string, maxItems: number): Promise<ParsedFeed> {
  if (body.length < OFF_THREAD_BYTES) return Promise.resolve(parseFeed(body, contentType, documentUrl, maxItems));
  return inTurn(() => parseInWorker({ body, contentType, documentUrl, maxItems }));
}

function parseInWorker(request: FeedParseRequest): Promise<ParsedFeed> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(__filename, join(__dirname, 'feed-parse.worker'), {
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: PARSER_HEAP_MB },
    });
    const timeout = setTimeout(() => {
      reject(new FeedParseError('The feed took too long to read'));
      void worker.terminate();
    }, PARSE_TIMEOUT_MS);
    worker.once('message', (response: FeedParseResponse) => {
      clearTimeout(timeout);
      void worker.terminate();
      if ('feed' in response) resolve(response.feed);
      else reject(response.parseError ? new FeedParseError(response.error) : new Error(response.error));
    });
    worker.once('error', (error) => {
      clearTimeout(timeout);
      reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`The feed parser stopped (exit code ${code})`));
    });
  });
}
