import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AppConfig } from '../src/config/config';
import { createArticle } from './support/articles';
import { eventually } from './support/eventually';
import { describeApp } from './support/harness';
import { LiveClient, liveUrl } from './support/live';

/** Two API processes share one database and Redis: only a PostgreSQL server and a Redis make that setting. */
const multiProcess = !!process.env.REDIS_URL && !!process.env.DATABASE_URL;
const describeWithRedis = multiProcess ? describeApp : describeApp.skip;
const title = multiProcess ? 'live updates across API processes (Redis)' : 'live updates across API processes (skipped: needs REDIS_URL and DATABASE_URL)';

const WORKSPACE_ACTIVITY = `subscription($workspaceId: ID!) { workspaceActivity(workspaceId: $workspaceId, kinds: ["article.revision_saved"]) { activity { id kind resourceId } article { id } } }`;
const SAVE = `mutation($input: SaveArticleRevisionInput!) { saveArticleRevision(input: $input) { number } }`;

/** Process B: Tandem served by a process of its own (support/serve-held.ts), on the same database and Redis as this one. */
async function startProcessB(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--require', join(__dirname, 'support/swc-register.js'), join(__dirname, 'support/serve-held.ts')], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { listening: string }) => resolve(message.listening));
    child.once('exit', (code) => reject(new Error(`Process B exited with ${code} before listening`)));
  });
  return { child, url };
}

// A's own poll of the stream waits ten minutes: what B commits can only reach A in time through Redis.
describeWithRedis(title, { world: true, env: { ACTIVITY_POLL_MS: '600000' } }, ({ app, world }) => {
  let processB: { child: ChildProcess; url: string } | undefined;
  let client: LiveClient | undefined;

  beforeAll(async () => {
    const config = app.app.get(AppConfig);
    // The same database (this file's copy) and the same signing secret: B accepts A's access tokens.
    processB = await startProcessB({ DATABASE_URL: (app.dataSource.options as { url: string }).url, JWT_SECRET: config.jwtSecret });
  }, 180_000);

  afterAll(async () => {
    await client?.dispose();
    processB?.child.kill('SIGKILL');
  });

  it('a change made through process B reaches a subscriber of process A', async () => {
    const editor = world.people.EDITOR;
    const articleId = await createArticle(app, editor, world.workspace.id, world.host.id);
    client = new LiveClient(await liveUrl(app), world.people.OBSERVER.token);
    const subscription = await client.subscribe(app, WORKSPACE_ACTIVITY, { workspaceId: world.workspace.id });

    const input = { articleId, language: 'fr', baseRevision: null, title: 'Écrit par B', summary: '', body: '<p>Depuis le processus B.</p>' };
    const response = await fetch(`${processB!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor.token}` },
      body: JSON.stringify({ query: SAVE, variables: { input } }),
    });
    expect(await response.json()).toEqual({ data: { saveArticleRevision: { number: 1 } } });

    await eventually(async () => subscription.received.length > 0, 'the change through B received on A', 60_000);
    expect(subscription.received.map((data) => [data.workspaceActivity.activity.kind, data.workspaceActivity.article])).toEqual([['article.revision_saved', { id: articleId }]]);
  });
});
