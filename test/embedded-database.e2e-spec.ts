import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.factory';
import { describeApp, testConfig } from './support/harness';

// Always the embedded database, in a folder of this file's own.
const folder = mkdtempSync(join(tmpdir(), 'tandem-lock-'));
const lockFile = join(folder, 'tandem.pid');
const embeddedIn = { DATABASE_URL: '', TANDEM_DATA_DIR: folder };
// A lock left by a process that has ended, whose pid now names another process (the test runner's
// parent, alive, started at another time than the lock says).
writeFileSync(lockFile, `${process.ppid} 1`);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeApp('the data-folder lock', { env: embeddedIn }, ({ app }) => {
  it('takes over a lock whose pid now belongs to another process', async () => {
    expect((await app.get('/health')).statusCode).toBe(200);
    expect(readFileSync(lockFile, 'utf8').split(' ')[0]).toBe(String(process.pid));
  });

  it('refuses the folder while a running Tandem holds it', async () => {
    await expect(createApp(testConfig(embeddedIn))).rejects.toThrow(/data folder is in use by process/);
    expect((await app.get('/health')).statusCode).toBe(200);
  });
});
