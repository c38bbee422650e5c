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

/** What bounds one task of a pool: its thread's heap, its time, and a moment by which it must have ended, waiting included. */
export interface WorkerLimits {
  timeoutMs: number;
  heapMb: number;
  /** Epoch milliseconds: a task still waiting for a thread then is given up, a running one ended. */
  deadline?: number;
}

/** A task that did not end in its time, or found no free thread before its deadline: its thread, if any, was ended. */
export class WorkerTimeoutError extends Error {}

/**
 * At most `size` threads of one kind at once, each running one task: started with `workerData`,
 * answering with one message, ended after it (or after `timeoutMs`, or at the deadline, which
 * reject). Tasks beyond `size` wait their turn, so a burst of work never starts more threads than
 * the cores can run: a thread's slot is given back only once it has stopped, and handed straight
 * to the next waiting task, never left free for a newcomer to take in between.
 */
export class WorkerPool {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(callerFile: string, file: string, workerData: unknown, limits: WorkerLimits): Promise<T> {
    await this.turn(limits.deadline);
    try {
      const timeoutMs = Math.min(limits.timeoutMs, (limits.deadline ?? Infinity) - Date.now());
      if (timeoutMs <= 0) throw new WorkerTimeoutError('The deadline passed before a worker thread could start');
      return await runOnce<T>(spawnWorker(callerFile, file, { workerData, resourceLimits: { maxOldGenerationSizeMb: limits.heapMb } }), timeoutMs);
    } finally {
      this.release();
    }
  }

  /** A slot: a free one now, else the one the next finishing task hands over, unless the deadline comes first. */
  private turn(deadline: number | undefined): Promise<void> {
    if (this.running < this.size) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer =
        deadline === undefined
          ? undefined
          : setTimeout(() => {
              this.waiting.splice(this.waiting.indexOf(waiter), 1);
              reject(new WorkerTimeoutError('No worker thread was free in time'));
            }, deadline - Date.now());
      this.waiting.push(waiter);
    });
  }

  /** Hands the slot to the next waiting task (`running` unchanged), or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

/** The thread's one answer; settles only once the thread has stopped, whatever ended it. */
function runOnce<T>(worker: Worker, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      void worker.terminate().then(outcome, outcome);
    };
    const timeout = setTimeout(() => settle(() => reject(new WorkerTimeoutError(`The worker thread took longer than ${timeoutMs} ms`))), timeoutMs);
    worker.once('message', (message: T) => settle(() => resolve(message)));
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`The worker thread stopped (exit code ${code})`))));
  });
}
