import { Logger } from '@nestjs/common';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { spawnWorker } from '../common/worker-threads';
import { IN_MEMORY } from '../config/secrets';
import type { EmbeddedPostgresListening, EmbeddedPostgresWorkerData } from './embedded-postgres.worker';

const logger = new Logger('EmbeddedPostgres');

/**
 * PostgreSQL embedded in the process: PGlite in a worker thread, so its statements never run on
 * the API's event loop, served on a loopback port so that TypeORM's ordinary `postgres` driver
 * talks to it exactly as it talks to a server.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly worker: Worker,
    private readonly exited: Promise<number>,
    readonly url: string,
    private readonly lockFile?: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const workerData: EmbeddedPostgresWorkerData = {};
    let lockFile: string | undefined;
    if (dataDir !== IN_MEMORY) {
      workerData.dataDir = resolve(dataDir, 'pg');
      mkdirSync(workerData.dataDir, { recursive: true });
      lockFile = resolve(dataDir, 'tandem.pid');
      claimDataFolder(lockFile);
    }
    const worker = spawnWorker(__filename, join(__dirname, 'embedded-postgres.worker'), { workerData });
    const exited = new Promise<number>((settle) => worker.once('exit', settle));
    try {
      const url = await new Promise<string>((settle, fail) => {
        worker.once('message', (message: EmbeddedPostgresListening) => settle(message.url));
        worker.once('error', fail);
        void exited.then((code) => fail(new Error(`The embedded PostgreSQL stopped while starting (exit code ${code})`)));
      });
      // A crash later closes its connections: requests then answer SERVICE_UNAVAILABLE, and this says why.
      worker.on('error', (error) => logger.error(`The embedded PostgreSQL stopped: ${error.stack ?? error.message}`));
      return new EmbeddedPostgres(worker, exited, url, lockFile);
    } catch (error) {
      await worker.terminate();
      if (lockFile) rmSync(lockFile, { force: true });
      throw error;
    }
  }

  /** Closes PGlite (its files are complete on disk), ends the worker and frees the data folder; at once if it crashed. */
  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    await this.exited;
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }
}

/**
 * One process per data folder: two PGlite instances writing the same files would corrupt them.
 * The lock names its holder by pid and start time, so a lock left by a process that no longer
 * runs is taken over even when another process now has its pid.
 */
function claimDataFolder(lockFile: string): void {
  const identity = `${process.pid} ${processStartTime(process.pid) ?? ''}`.trim();
  try {
    writeFileSync(lockFile, identity, { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const [pid, startTime] = readFileSync(lockFile, 'utf8').trim().split(' ');
  if (isHolding(Number(pid), startTime)) {
    throw new Error(`The data folder is in use by process ${pid} (${lockFile}); stop it first, or set TANDEM_DATA_DIR`);
  }
  writeFileSync(lockFile, identity);
}

function isHolding(pid: number, startTime: string | undefined): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid)) return false;
  const runningSince = processStartTime(pid);
  // Where the system tells a process's start time (Linux), a different one is another process with a reused pid.
  return !(startTime && runningSince && startTime !== runningSince);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), where /proc exists. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
