import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IN_MEMORY } from '../config/secrets';

/**
 * PostgreSQL embedded in the process: PGlite, served on a loopback port so that TypeORM's
 * ordinary `postgres` driver talks to it exactly as it talks to a server.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
    private readonly lockFile?: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    let location: string | undefined;
    let lockFile: string | undefined;
    if (dataDir !== IN_MEMORY) {
      location = resolve(dataDir, 'pg');
      mkdirSync(location, { recursive: true });
      lockFile = resolve(dataDir, 'tandem.pid');
      claimDataFolder(lockFile);
    }
    const db = await PGlite.create(location ? { dataDir: location } : {});
    // One connection: PGlite is single-session, and a second client would see the first one's
    // open transaction. The TypeORM pool is sized to match.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    return new EmbeddedPostgres(db, server, `postgres://postgres@${server.getServerConn()}/postgres`, lockFile);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }
}

/**
 * One process per data folder: two PGlite instances writing the same files would corrupt them.
 * A lock left by a process that no longer runs is taken over.
 */
function claimDataFolder(lockFile: string): void {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number(readFileSync(lockFile, 'utf8'));
  if (holder && holder !== process.pid && isRunning(holder)) {
    throw new Error(`The data folder is in use by process ${holder} (${lockFile}); stop it first, or set TANDEM_DATA_DIR`);
  }
  writeFileSync(lockFile, String(process.pid));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
