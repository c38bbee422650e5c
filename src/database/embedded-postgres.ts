import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
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
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    let location: string | undefined;
    if (dataDir !== IN_MEMORY) {
      location = resolve(dataDir, 'pg');
      mkdirSync(location, { recursive: true });
    }
    const db = await PGlite.create(location ? { dataDir: location } : {});
    // One connection: PGlite is single-session, and a second client would see the first one's
    // open transaction. The TypeORM pool is sized to match.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    return new EmbeddedPostgres(db, server, `postgres://postgres@${server.getServerConn()}/postgres`);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
