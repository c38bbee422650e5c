import { Writable } from 'node:stream';
import pino from 'pino';
import pinoHttp, { Options as HttpLoggerOptions } from 'pino-http';
import { httpLoggerOptions, redactUrlSecrets } from '../src/common/http-logging';
import { createArticle, publish, review, saveRevision, submit } from './support/articles';
import { createCalendarLink, createEvent, updateEvent } from './support/coverage';
import { describeApp, ok, TestApp } from './support/harness';
import { createSource, curate, insertItem, shareSource, uniqueUrl } from './support/sources';
import { createWorkspace, TestWorkspace, World } from './support/world';

const CREATE_DIGEST = `mutation($input: CreateDigestInput!) { createDigest(input: $input) { id } }`;
const PUBLISH_DIGEST = `mutation($input: PublishDigestInput!) { publishDigest(input: $input) { id } }`;

/** A PUBLIC article of the host, published in both languages. */
async function publishArticle(app: TestApp, world: World, workspace: TestWorkspace): Promise<string> {
  const id = await createArticle(app, world.hostAdmin, workspace.id, world.host.id, 'PUBLIC');
  ok(await saveRevision(app, world.hostAdmin, id, 'fr', null));
  ok(await saveRevision(app, world.hostAdmin, id, 'en', null, { translationOf: 1 }));
  ok(await submit(app, world.hostAdmin, id));
  ok(await review(app, world.hostAdmin, id, world.host.id));
  ok(await publish(app, world.hostAdmin, id));
  return id;
}

/** A published digest of one featured item. */
async function publishDigest(app: TestApp, world: World, workspace: TestWorkspace): Promise<string> {
  const source = await createSource(app, world.hostAdmin, world.host, { url: uniqueUrl() });
  await shareSource(app, world.hostAdmin, source.id, workspace);
  const itemId = await insertItem(app, source.id, new Date('2025-11-20T12:00:00Z'));
  ok(await curate(app, world.hostAdmin, workspace, itemId, { status: 'FEATURED' }));
  const introduction = { fr: 'Cette semaine', en: 'This week' };
  const period = { periodStart: '2025-11-17T00:00:00Z', periodEnd: '2025-11-24T00:00:00Z', introduction };
  const digest = ok(await app.graphql(CREATE_DIGEST, { input: { workspaceId: workspace.id, ...period } }, { token: world.hostAdmin.token })).createDigest;
  ok(await app.graphql(PUBLISH_DIGEST, { input: { digestId: digest.id } }, { token: world.hostAdmin.token }));
  return digest.id;
}

describeApp('HTTP caching of feeds and calendars', { world: true }, ({ app, world }) => {
  let workspace: TestWorkspace;
  let digestId: string;
  beforeAll(async () => {
    workspace = await createWorkspace(app, world.hostAdmin, world.host);
    await publishArticle(app, world, workspace);
    digestId = await publishDigest(app, world, workspace);
  });

  const publicDocuments = () => [
    `/feeds/${workspace.slug}/articles.atom`,
    `/feeds/${workspace.slug}/digests.atom`,
    `/feeds/${workspace.slug}/digests/${digestId}.html`,
    `/feeds/${workspace.slug}/digests/${digestId}.md?lang=fr`,
  ];

  it('give every public feed validators, a public caching rule, and 304 to a caller holding it', async () => {
    for (const url of publicDocuments()) {
      const first = await app.get(url);
      expect({ url, status: first.statusCode, cacheControl: first.headers['cache-control'] }).toEqual({ url, status: 200, cacheControl: 'public, max-age=300' });
      const etag = first.headers.etag as string;
      const lastModified = first.headers['last-modified'] as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(new Date(lastModified).getTime()).toBeLessThanOrEqual(Date.now());
      // The same bytes, the same tag.
      expect((await app.get(url)).headers.etag).toBe(etag);

      const conditionals: Record<string, string>[] = [{ 'if-none-match': etag }, { 'if-none-match': `"other", W/${etag}` }, { 'if-modified-since': lastModified }];
      for (const conditional of conditionals) {
        const again = await app.get(url, conditional);
        expect({ url, conditional, status: again.statusCode, body: again.body }).toEqual({ url, conditional, status: 304, body: '' });
        expect(again.headers.etag).toBe(etag);
        expect(again.headers['cache-control']).toBe('public, max-age=300');
      }
      // A stale tag wins over a date that would match: If-None-Match decides when present.
      expect((await app.get(url, { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).statusCode).toBe(200);
      expect((await app.get(url, { 'if-modified-since': new Date(new Date(lastModified).getTime() - 1000).toUTCString() })).statusCode).toBe(200);
    }
  });

  it('change the validators when the feed changes', async () => {
    const url = `/feeds/${workspace.slug}/articles.atom`;
    const before = await app.get(url);
    await publishArticle(app, world, workspace);
    const after = await app.get(url, { 'if-none-match': before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('answer 404 on every public address of a workspace that published nothing, exactly as for an unknown slug', async () => {
    const silent = await createWorkspace(app, world.hostAdmin, world.host);
    const unknown = await app.get('/feeds/no-such-workspace/articles.atom');
    for (const url of [`/feeds/${silent.slug}/articles.atom`, `/feeds/${silent.slug}/digests.atom`, `/feeds/no-such-workspace/digests.atom`]) {
      const response = await app.get(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(response.body).not.toContain(silent.id);
      expect(response.body).not.toContain('Veille');
      expect(response.body).toBe(unknown.body);
    }
    // A draft article does not count as published.
    await createArticle(app, world.hostAdmin, silent.id, world.host.id, 'PUBLIC');
    expect((await app.get(`/feeds/${silent.slug}/articles.atom`)).statusCode).toBe(404);
  });

  it('serve calendars privately, revalidated, under the workspace’s name, with 304 until an event changes', async () => {
    const eventId = await createEvent(app, world.hostAdmin, workspace.id);
    const link = ok(await createCalendarLink(app, world.hostAdmin, workspace.id)).createCalendarLink;
    const path = new URL(link.url).pathname;
    const first = await app.get(path);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers['content-disposition']).toBe(`inline; filename="${workspace.slug}.ics"`);
    expect(first.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const etag = first.headers.etag as string;
    expect((await app.get(path)).body).toBe(first.body);
    expect((await app.get(path, { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await app.get(path, { 'if-modified-since': first.headers['last-modified'] as string })).statusCode).toBe(304);

    ok(await updateEvent(app, world.hostAdmin, eventId, { title: { fr: 'Nouveau titre', en: 'New title' } }));
    const changed = await app.get(path, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('Nouveau titre');
    expect(new Date(changed.headers['last-modified'] as string).getTime()).toBeGreaterThanOrEqual(new Date(first.headers['last-modified'] as string).getTime());

    const mine = ok(await createCalendarLink(app, world.hostAdmin)).createCalendarLink;
    expect((await app.get(new URL(mine.url).pathname)).headers['content-disposition']).toBe('inline; filename="tandem-assignments.ics"');
  });
});

describe('request logs', () => {
  it('never hold the secret of a calendar address, nor a token in a query', async () => {
    const token = 'A'.repeat(21) + '_-' + 'z'.repeat(20);
    expect(redactUrlSecrets(`/calendar/${token}.ics`)).toBe('/calendar/[REDACTED].ics');
    expect(redactUrlSecrets(`/x?lang=fr&token=${token}&a=1`)).toBe('/x?lang=fr&token=[REDACTED]&a=1');
    expect(redactUrlSecrets('/feeds/ws-1/digests/0b1e6a8e-3f4c-4b5d-9e6f-7a8b9c0d1e2f.html')).toBe('/feeds/ws-1/digests/0b1e6a8e-3f4c-4b5d-9e6f-7a8b9c0d1e2f.html');

    // The logger as the app configures it, writing to a buffer instead of stdout.
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const { pinoHttp: options } = httpLoggerOptions('info') as { pinoHttp: HttpLoggerOptions };
    const log = pinoHttp({ ...options, logger: pino({ level: 'info', redact: options.redact }, sink) });
    const request = { method: 'GET', url: `/calendar/${token}.ics`, headers: { authorization: 'Bearer secret-jwt' }, socket: {} };
    const response = Object.assign(new Writable({ write: (_c, _e, done) => done() }), { statusCode: 200, getHeaders: () => ({}), setHeader: () => undefined });
    log(request as never, response as never);
    response.emit('finish');
    const written = lines.join('');
    expect(written).toContain('/calendar/[REDACTED].ics');
    expect(written).not.toContain(token);
    expect(written).not.toContain('secret-jwt');
  });
});
