import { randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import WebSocket from 'ws';
import { eventually } from './support/eventually';
import { registerUser } from './support/factories';
import { describeApp, ok, refused, TestApp } from './support/harness';
import { LiveClient, liveUrl } from './support/live';
import { internalsIn } from './support/leaks';

const REGISTER = (email: string) =>
  `mutation { register(input: { email: "${email}", password: "correct horse battery staple", displayName: "Forged" }) }`;

const accounts = async (app: TestApp, email: string) =>
  (await app.dataSource.query(`SELECT count(*)::int AS count FROM "user" WHERE email = $1`, [email]))[0].count;

interface Request {
  method: 'GET' | 'POST' | 'OPTIONS';
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
}

const inject = async (app: TestApp, request: Request): Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }> =>
  app.app.getHttpAdapter().getInstance().inject(request);

/** A refusal before GraphQL ran: the status, JSON, BAD_USER_INPUT, nothing internal. */
function expectRefusal(response: { statusCode: number; body: string }, status: number): string {
  expect(response.statusCode).toBe(status);
  const body = JSON.parse(response.body);
  expect(body.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
  expect(internalsIn(response.body)).toEqual([]);
  return body.errors[0].message;
}

describeApp('the GraphQL edge', ({ app }) => {
  it('runs nothing a web form or a text/plain body carries: 415, and no account is made', async () => {
    const bodies: [string, (email: string) => string][] = [
      ['application/x-www-form-urlencoded', (email) => `query=${encodeURIComponent(REGISTER(email))}`],
      ['multipart/form-data; boundary=XYZ', (email) => `--XYZ\r\nContent-Disposition: form-data; name="query"\r\n\r\n${REGISTER(email)}\r\n--XYZ--\r\n`],
      ['text/plain', (email) => JSON.stringify({ query: REGISTER(email) })],
      ['text/plain; charset=utf-8', (email) => JSON.stringify({ query: REGISTER(email) })],
      ['application/graphql', (email) => REGISTER(email)],
      ['application/json; charset=iso-8859-1', (email) => JSON.stringify({ query: REGISTER(email) })],
    ];
    for (const [contentType, body] of bodies) {
      const email = `forged-${bodies.findIndex(([type]) => type === contentType)}@example.ca`;
      const response = await inject(app, { method: 'POST', url: '/graphql', headers: { 'content-type': contentType }, payload: body(email) });
      expect(expectRefusal(response, 415)).toBe('Send GraphQL requests as application/json');
      expect(await accounts(app, email)).toBe(0);
    }
    const noType = await inject(app, { method: 'POST', url: '/graphql', payload: Buffer.from(JSON.stringify({ query: REGISTER('forged-none@example.ca') })) });
    expectRefusal(noType, 415);
  });

  it('runs JSON bodies, with or without a UTF-8 charset, and queries (never mutations) by GET', async () => {
    for (const contentType of ['application/json', 'application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"']) {
      const response = await inject(app, { method: 'POST', url: '/graphql', headers: { 'content-type': contentType }, payload: JSON.stringify({ query: '{ __typename }' }) });
      expect(JSON.parse(response.body)).toEqual({ data: { __typename: 'Query' } });
    }
    const query = await app.get(`/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(JSON.parse(query.body)).toEqual({ data: { __typename: 'Query' } });
    const mutation = await app.get(`/graphql?query=${encodeURIComponent(REGISTER('by-get@example.ca'))}`);
    expect(JSON.parse(mutation.body).errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(await accounts(app, 'by-get@example.ca')).toBe(0);
  });

  it('refuses a body that is not UTF-8 with 400, rather than reading it with replacement characters', async () => {
    const email = 'latin1@example.ca';
    const json = JSON.stringify({ query: `mutation($name: String!) { register(input: { email: "${email}", password: "correct horse battery staple", displayName: $name }) }`, variables: { name: 'NAME' } });
    const [before, after] = json.split('NAME');
    for (const bytes of [[0xe9], [0xc3], [0xed, 0xa0, 0x80], [0xff, 0xfe]]) {
      const payload = Buffer.concat([Buffer.from(before), Buffer.from('Ren'), Buffer.from(bytes), Buffer.from(after)]);
      const response = await inject(app, { method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload });
      expect(expectRefusal(response, 400)).toBe('The request body is not valid UTF-8');
    }
    expect(await accounts(app, email)).toBe(0);
    const utf8 = await inject(app, { method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: Buffer.from(`${before}René${after}`) });
    expect(JSON.parse(utf8.body).data.register).toBe(true);
  });

  it('refuses a body of the wrong shape with 400, naming what is wrong, in the caller\'s language', async () => {
    const post = (payload: string, language = 'en') =>
      inject(app, { method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', 'accept-language': language }, payload });
    const batch = await post(JSON.stringify([{ query: '{ __typename }' }]));
    expect(expectRefusal(batch, 400)).toBe('The request is malformed');
    expect(JSON.parse(batch.body).errors[0].extensions.fields).toEqual([{ field: 'body', message: 'must be of type object' }]);
    const variables = await post(JSON.stringify({ query: '{ __typename }', variables: 'x' }), 'fr-CA');
    expect(expectRefusal(variables, 400)).toBe('La requête est mal formée');
    expect(JSON.parse(variables.body).errors[0].extensions.fields).toEqual([{ field: 'variables', message: 'doit être de type object ou null' }]);
  });

  it('lets no other origin call it from a browser when CORS_ORIGINS is not set', async () => {
    const preflight = await inject(app, {
      method: 'OPTIONS',
      url: '/graphql',
      headers: { origin: 'https://tandem.example.ca', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const post = await inject(app, { method: 'POST', url: '/graphql', headers: { origin: 'https://tandem.example.ca', 'content-type': 'application/json' }, payload: '{"query":"{ __typename }"}' });
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('suggests field names outside production', async () => {
    expect((await app.graphql('{ __typename mee { id } }')).errors?.[0].message).toContain('Did you mean "me"?');
  });
});

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a production secret of at least 32 characters',
  MFA_ENCRYPTION_KEY: 'a production MFA key of at least 32 characters',
  PUBLIC_URL: 'https://tandem.example.ca',
};

describeApp('the GraphQL edge in production', { env: { ...PRODUCTION, CORS_ORIGINS: 'https://tandem.example.ca, https://partner.example.org' } }, ({ app }) => {
  it('answers the preflight of the allowed origins only', async () => {
    const preflight = (origin: string) =>
      inject(app, { method: 'OPTIONS', url: '/graphql', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    for (const origin of ['https://tandem.example.ca', 'https://partner.example.org']) {
      expect((await preflight(origin)).headers['access-control-allow-origin']).toBe(origin);
    }
    for (const origin of ['https://evil.example.com', 'https://tandem.example.ca.evil.example.com', 'null']) {
      expect((await preflight(origin)).headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('keeps the schema to itself: no introspection, no "Did you mean" in validation messages', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "User") { name } }']) {
      const { data, errors } = await app.graphql(query);
      expect(data).toBeNull();
      for (const error of errors ?? []) expect([error.extensions.code, error.message]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/introspection/i)]);
      expect(errors?.length).toBeGreaterThan(0);
    }
    const typo = refused(await app.graphql('{ mee { id } }'), 'BAD_USER_INPUT');
    expect(typo.message).toBe('Cannot query field "mee" on type "Query".');
    ok(await app.graphql('{ __typename }'));
  });

  it('refuses a subscription whose variables graphql-js refuses as any refusal: BAD_USER_INPUT, no "Did you mean"', async () => {
    const user = await registerUser(app);
    const client = new LiveClient(await liveUrl(app), user.token);
    try {
      const subscription = client.start(`subscription($articleId: ID!, $language: Language!) { articleChanged(articleId: $articleId) { article { revisions(language: $language) { id } } } }`, {
        articleId: randomUUID(),
        language: 'FRR',
      });
      await eventually(async () => subscription.errors.length > 0, 'refused');
      expect(subscription.errors.map((error) => ({ code: error.extensions?.code, guess: /Did you mean/.test(error.message) }))).toEqual([{ code: 'BAD_USER_INPUT', guess: false }]);
      // An operationName that names no operation of the query is the caller's error, as over HTTP.
      const unnamed = client.start(`subscription Named { articleChanged(articleId: "${randomUUID()}") { article { id } } }`, {}, 'Other');
      await eventually(async () => unnamed.errors.length > 0, 'refused');
      expect(unnamed.errors.map((error) => [error.extensions?.code, error.extensions?.fields])).toEqual([['BAD_USER_INPUT', [{ field: 'operationName', message: 'must name one of the operations of the query' }]]]);
      // A query is sent over HTTP: on this connection it is refused, not failed.
      const query = client.start(`{ me { id } }`, {});
      await eventually(async () => query.errors.length > 0, 'refused');
      expect(query.errors.map((error) => [error.extensions?.code, error.extensions?.fields])).toEqual([['BAD_USER_INPUT', [{ field: 'query', message: 'must be a subscription: queries and mutations are sent over HTTP' }]]]);
    } finally {
      await client.dispose();
    }
  });

  it('takes only GraphQL text on a live connection, as over HTTP: a syntax tree, which Mercurius would run, is BAD_USER_INPUT', async () => {
    const user = await registerUser(app);
    // graphql-ws' client sends only text: the messages are written by hand.
    const socket = new WebSocket(await liveUrl(app), 'graphql-transport-ws');
    const messages: { type: string; id?: string; payload?: unknown }[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    try {
      await new Promise((opened) => socket.once('open', opened));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${user.token}` } }));
      await eventually(async () => messages.some((message) => message.type === 'connection_ack'), 'acknowledged');
      const tree = parse(`subscription { articleChanged(articleId: "${randomUUID()}") { article { id } } }`, { noLocation: true });
      for (const [id, payload] of [['tree', { query: tree }], ['none', {}]] as const) {
        socket.send(JSON.stringify({ type: 'subscribe', id, payload }));
        await eventually(async () => messages.some((message) => message.id === id), 'answered');
        const [error] = messages.find((message) => message.id === id)?.payload as { extensions: { code: string; fields: unknown } }[];
        expect([error.extensions.code, error.extensions.fields]).toEqual(['BAD_USER_INPUT', [{ field: 'query', message: 'must be GraphQL text' }]]);
      }
    } finally {
      socket.close();
    }
  });
});

describeApp('introspection in production when asked for', { env: { ...PRODUCTION, GRAPHQL_INTROSPECTION: 'true' } }, ({ app }) => {
  it('answers introspection with GRAPHQL_INTROSPECTION=true', async () => {
    expect(ok(await app.graphql('{ __schema { queryType { name } } }')).__schema.queryType.name).toBe('Query');
  });
});
