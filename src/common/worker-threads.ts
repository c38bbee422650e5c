import { extname } from 'node:path';
import { Worker, WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker thread `file` (a path without extension, beside `callerFile`): JavaScript from
 * dist; from the TypeScript sources (jest, ts-node, benchmarks) compiled as ts-node does, which
 * Node's worker loader cannot do by itself for a `.ts` file.
 */
export function spawnWorker(callerFile: string, file: string, options: WorkerOptions): Worker {
  const extension = extname(callerFile);
  const path = `${file}${extension}`;
  if (extension !== '.ts') return new Worker(path, options);
  return new Worker(`require('ts-node/register/transpile-only'); require(${JSON.stringify(path)});`, { ...options, eval: true });
}
