import { Extension, PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { parentPort, workerData } from 'node:worker_threads';

/** What the API's thread hands the worker: the folder of the database files, none for memory. */
export interface EmbeddedPostgresWorkerData {
  dataDir?: string;
}

/** The one message the worker sends, once PostgreSQL answers on its loopback port. */
export interface EmbeddedPostgresListening {
  url: string;
}

/**
 * The embedded PostgreSQL's own thread: PGlite runs every statement synchronously, so here it
 * blocks only this thread, never the API's event loop. Any message from the parent means stop.
 */
async function serve(port: NonNullable<typeof parentPort>, { dataDir }: EmbeddedPostgresWorkerData): Promise<void> {
  // The contrib extensions search needs (migrations CREATE EXTENSION them): a server ships them as files, PGlite as
  // modules, reached by their exported paths (TypeScript's "node" resolution does not read package exports).
  const extensions: Record<string, Extension> = {
    unaccent: require('@electric-sql/pglite/contrib/unaccent').unaccent,
    pg_trgm: require('@electric-sql/pglite/contrib/pg_trgm').pg_trgm,
  };
  const db = await PGlite.create(dataDir ? { dataDir, extensions } : { extensions });
  // One connection: PGlite is single-session, and a second client would see the first one's
  // open transaction. The TypeORM pool is sized to match.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  port.once('message', async () => {
    await server.stop();
    await db.close();
    process.exit(0);
  });
  port.postMessage({ url: `postgres://postgres@${server.getServerConn()}/postgres` } satisfies EmbeddedPostgresListening);
}

if (!parentPort) throw new Error('embedded-postgres.worker runs as a worker thread of EmbeddedPostgres');
serve(parentPort, workerData as EmbeddedPostgresWorkerData).catch((error: unknown) => {
  // Thrown outside the promise whatever the unhandled-rejection mode: the parent sees 'error'.
  setImmediate(() => {
    throw error;
  });
});
