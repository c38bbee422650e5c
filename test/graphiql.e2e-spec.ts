import { describeApp, TestApp } from './support/harness';

/** GraphiQL works on a machine without internet: its page and every asset it names come from the app itself. */
const get = (app: TestApp, url: string) => app.app.getHttpAdapter().getInstance().inject({ method: 'GET', url });

/** Every address a page's scripts, styles and links point at. */
const referencesOf = (html: string) => [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]);

describeApp('GraphiQL, offline', ({ app }) => {
  it('serves the page and every script and style it references from the app, none from another host', async () => {
    const page = await get(app, '/graphiql');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    // The browser may not fetch anything from another host either.
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const references = referencesOf(page.body);
    expect(references.length).toBeGreaterThanOrEqual(4);
    expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const reference of references) {
      expect(reference).toMatch(/^\/graphiql\//);
      const asset = await get(app, reference);
      expect({ reference, status: asset.statusCode }).toEqual({ reference, status: 200 });
      expect(asset.headers['content-type']).toMatch(reference.endsWith('.css') ? /^text\/css/ : /^application\/javascript/);
      // No asset loads another: nothing imports from a CDN (graphiql mentions them only in an error message).
      expect(asset.body).not.toMatch(/(src|href)\s*=\s*["']https?:\/\/(unpkg|cdn|cdnjs|jsdelivr)/);
      expect(asset.body).not.toMatch(/@import\s+url\(["']?https?:/);
    }
    expect(references).toEqual(expect.arrayContaining(['/graphiql/assets/graphiql.min.js', '/graphiql/assets/react.production.min.js']));
  });

  it('starts GraphiQL against this API’s own /graphql', async () => {
    const start = await get(app, '/graphiql/assets/start.js');
    expect(start.body).toContain(`url: "/graphql"`);
  });

  it('answers 404 for a file that is not one of its assets', async () => {
    expect((await get(app, '/graphiql/assets/package.json')).statusCode).toBe(404);
    expect((await get(app, '/graphiql/assets/..%2F..%2Fpackage.json')).statusCode).toBe(404);
  });
});

describeApp('GraphiQL in production', {
    env: {
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-enough-length-1234567890',
      MFA_ENCRYPTION_KEY: 'a-production-mfa-key-of-enough-length-1234567890',
      PUBLIC_URL: 'https://tandem.example.ca',
    },
  }, ({ app }) => {
  it('is not served', async () => {
    expect((await get(app, '/graphiql')).statusCode).toBe(404);
    expect((await get(app, '/graphiql/assets/graphiql.min.js')).statusCode).toBe(404);
  });
});
