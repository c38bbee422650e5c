import { parentPort, workerData } from 'node:worker_threads';
import { FeedParseError, parseFeed } from './feed-parser';
import type { FeedParseRequest, FeedParseResponse } from './feed-parsing';

/** Parses one feed off the main thread and says what came of it (a FeedParseError by its message). */
const { body, contentType, documentUrl, maxItems } = workerData as FeedParseRequest;
let response: FeedParseResponse;
try {
  response = { feed: parseFeed(Buffer.from(body.buffer, body.byteOffset, body.byteLength), contentType, documentUrl, maxItems) };
} catch (error) {
  response = { error: error instanceof FeedParseError ? error.message : String(error), parseError: error instanceof FeedParseError };
}
parentPort?.postMessage(response);
