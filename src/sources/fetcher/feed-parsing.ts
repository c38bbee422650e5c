import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { WorkerPool, WorkerTimeoutError } from '../../common/worker-threads';
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

const parsers = new WorkerPool(PARSER_THREADS);

/**
 * parseFeed without blocking the event loop: a large body is parsed in a worker thread of its
 * own, which ends with the parse (or after PARSE_TIMEOUT_MS); a small one right here.
 */
export function parseFeedOffThread(body: Buffer, contentType: string | undefined, documentUrl: string, maxItems: number): Promise<ParsedFeed> {
  if (body.length < OFF_THREAD_BYTES) return Promise.resolve(parseFeed(body, contentType, documentUrl, maxItems));
  return parseInWorker({ body, contentType, documentUrl, maxItems });
}

async function parseInWorker(request: FeedParseRequest): Promise<ParsedFeed> {
  let response: FeedParseResponse;
  try {
    response = await parsers.run<FeedParseResponse>(__filename, join(__dirname, 'feed-parse.worker'), request, { timeoutMs: PARSE_TIMEOUT_MS, heapMb: PARSER_HEAP_MB });
  } catch (error) {
    throw error instanceof WorkerTimeoutError ? new FeedParseError('The feed took too long to read') : error;
  }
  if ('feed' in response) return response.feed;
  throw response.parseError ? new FeedParseError(response.error) : new Error(response.error);
}
