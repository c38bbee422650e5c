import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { FetchFailedError, FetchRefusedError, safeFetch, SafeFetchOptions } from './safe-http';

const RSS = '<rss><channel><title>ok</title></channel></rss>';

describe('safeFetch', () => {
  let server: Server;
  let origin: string;
  let allow: SafeFetchOptions;
  const requests: IncomingMessage[] = [];
  const routes = new Map<string, (request: IncomingMessage, response: ServerResponse) => void>();
  let hugeChunksSent = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request);
      const route = routes.get(request.url ?? '');
      if (route) route(request, response);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    origin = `http://127.0.0.1:${port}`;
    allow = { allowHosts: [`127.0.0.1:${port}`], timeoutMs: 2_000, connectTimeoutMs: 1_000 };
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (requests.length = 0));

  routes.set('/feed', (request, response) => {
    if (request.headers['if-none-match'] === '"v1"' || request.headers['if-modified-since'] === 'Tue, 24 Nov 2026 10:00:00 GMT') {
      response.writeHead(304).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Tue, 24 Nov 2026 10:00:00 GMT' }).end(RSS);
  });
  routes.set('/gzip', (_request, response) => response.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' }).end(gzipSync(RSS)));
  routes.set('/hop', (_request, response) => response.writeHead(302, { location: '/feed' }).end());
  routes.set('/loop', (_request, response) => response.writeHead(301, { location: '/loop' }).end());
  routes.set('/to-metadata', (_request, response) => response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
  routes.set('/to-loopback', (_request, response) => response.writeHead(307, { location: 'http://127.0.0.1:9/' }).end());
  routes.set('/to-file', (_request, response) => response.writeHead(302, { location: 'file:///etc/passwd' }).end());
  routes.set('/image', (_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end('png'));
  routes.set('/huge', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/xml' });
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    hugeChunksSent = 0;
    const pump = () => {
      while (hugeChunksSent < 50 && response.write(chunk)) hugeChunksSent++;
      if (hugeChunksSent < 50) response.once('drain', pump);
      else response.end();
    };
    pump();
  });
  routes.set('/announced', (_request, response) => response.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(60 * 1024 * 1024) }).end());
  routes.set('/bomb', (_request, response) =>
    response.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(20 * 1024 * 1024, 0))),
  );
  routes.set('/slow', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/xml' });
    const timer = setInterval(() => response.write('<'), 100);
    response.once('close', () => clearInterval(timer));
  });

  it('fetches a feed and its validators', async () => {
    const result = await safeFetch(`${origin}/feed`, allow);
    expect(result).toMatchObject({ kind: 'ok', status: 200, contentType: 'application/rss+xml', etag: '"v1"', lastModified: 'Tue, 24 Nov 2026 10:00:00 GMT' });
    expect(result.kind === 'ok' && result.body.toString()).toBe(RSS);
    expect(requests[0].headers['user-agent']).toMatch(/^TandemFeedFetcher/);
  });

  it('sends conditional requests, so an unchanged feed costs a 304', async () => {
    expect(await safeFetch(`${origin}/feed`, { ...allow, etag: '"v1"' })).toEqual({ kind: 'not-modified', finalUrl: `${origin}/feed` });
    expect(await safeFetch(`${origin}/feed`, { ...allow, lastModified: 'Tue, 24 Nov 2026 10:00:00 GMT' })).toMatchObject({ kind: 'not-modified' });
  });

  it('decompresses, and follows a redirect within bounds', async () => {
    const gzip = await safeFetch(`${origin}/gzip`, allow);
    expect(gzip.kind === 'ok' && gzip.body.toString()).toBe(RSS);
    expect(await safeFetch(`${origin}/hop`, allow)).toMatchObject({ kind: 'ok', finalUrl: `${origin}/feed` });
  });

  it('refuses endless redirects and redirects to private, metadata or non-http addresses', async () => {
    await expect(safeFetch(`${origin}/loop`, allow)).rejects.toThrow(new FetchRefusedError('Too many redirects (more than 5)'));
    await expect(safeFetch(`${origin}/to-metadata`, allow)).rejects.toThrow(/169\.254\.169\.254, which is not a public address/);
    await expect(safeFetch(`${origin}/to-loopback`, allow)).rejects.toThrow(/127\.0\.0\.1, which is not a public address/);
    await expect(safeFetch(`${origin}/to-file`, allow)).rejects.toThrow(/Only http and https/);
  });

  // No deadline in these: the cap must be what stops the read, however busy the machine.
  it('caps the body, announced or not, compressed or not', async () => {
    const patient = { ...allow, timeoutMs: 120_000 };
    await expect(safeFetch(`${origin}/huge`, patient)).rejects.toThrow(new FetchFailedError('The feed is larger than 5 MiB'));
    await expect(safeFetch(`${origin}/announced`, patient)).rejects.toThrow(new FetchFailedError('The feed is larger than 5 MiB'));
    await expect(safeFetch(`${origin}/bomb`, patient)).rejects.toThrow(new FetchFailedError('The feed is larger than 5 MiB'));
    expect(hugeChunksSent).toBeLessThan(50);
  });

  it('cuts a body that dribbles in at the deadline', async () => {
    await expect(safeFetch(`${origin}/slow`, { ...allow, timeoutMs: 400 })).rejects.toThrow(/timed out/);
  });

  it('refuses what is not a feed and HTTP errors', async () => {
    await expect(safeFetch(`${origin}/image`, allow)).rejects.toThrow('Not a feed: the server sent image/png');
    await expect(safeFetch(`${origin}/missing`, allow)).rejects.toThrow('The server answered HTTP 404');
  });

  describe('with the default settings (no allow-list)', () => {
    it.each(['http://127.0.0.1/feed', 'http://10.0.0.1/feed', 'http://[::1]/feed', 'http://[::ffff:127.0.0.1]/', 'http://169.254.169.254/latest/', 'http://0.0.0.0/'])(
      'refuses %s before connecting',
      async (url) => {
        await expect(safeFetch(url)).rejects.toThrow(FetchRefusedError);
      },
    );

    it('refuses a name that resolves to a private address, even among public ones', async () => {
      await expect(safeFetch('http://localhost/feed')).rejects.toThrow(FetchRefusedError);
      const resolve = async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '192.168.0.10', family: 4 },
      ];
      await expect(safeFetch('https://intranet.example.ca/feed', { resolve })).rejects.toThrow(/192\.168\.0\.10/);
    });

    it('allows only the named host:port, not the whole host', async () => {
      const port = new URL(origin).port;
      await expect(safeFetch(`http://127.0.0.1:${Number(port) + 1}/feed`, { allowHosts: [`127.0.0.1:${port}`] })).rejects.toThrow(FetchRefusedError);
    });

    it('refuses other schemes and credentials', async () => {
      await expect(safeFetch('ftp://example.ca/feed')).rejects.toThrow(/Only http and https/);
      await expect(safeFetch('https://user:secret@example.ca/feed')).rejects.toThrow(/credentials/);
    });
  });
});
