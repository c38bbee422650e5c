import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AppConfig } from '../src/config/config';
import { eventually } from './support/eventually';
import { PASSWORD, registerUser, TestUser } from './support/factories';
import { describeApp, ok, refused, TestApp } from './support/harness';
import { useMailbox } from './support/mailbox';
import { CONFIRM, codeAt, ENROL, organizationRequiringMfa } from './support/mfa';
import { countQueries } from './support/queries';

/**
 * A process remembers for SESSION_CACHE_SECONDS that a session was open, so a client's next
 * requests skip the session's statement; every way a session ends (or passes the second factor)
 * still takes effect at the next request, here and, through the activity stream, in other processes.
 * The rest of the suite checks the session on every request (SESSION_CACHE_SECONDS=0 in tests).
 */
const REMEMBERED = { SESSION_CACHE_SECONDS: '60' };
const ME = '{ me { id } }';
const LOGOUT = `mutation($input: RefreshSessionInput!) { logout(input: $input) }`;
const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`;
const UPDATE_ORGANIZATION = `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }`;

const sessionStatements = (sql: string) => sql.includes('"auth_session"') && sql.trimStart().toUpperCase().startsWith('SELECT');

const mailbox = useMailbox();

describeApp('sessions remembered by the process', { env: () => ({ ...REMEMBERED, ...mailbox.env }) }, ({ app }) => {
  const me = (user: Pick<TestUser, 'token'>) => app.graphql(ME, {}, { token: user.token });

  it("reads a client's session once, then serves its next requests without the session's statement", async () => {
    const user = await registerUser(app);
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push(await countQueries(app, async () => expect(ok(await me(user)).me.id).toBe(user.id), sessionStatements));
    expect(counts).toEqual([1, 0, 0]);
  });

  it('ends a remembered session at logout: its access token is refused at the next request', async () => {
    const user = await registerUser(app);
    ok(await me(user));
    ok(await app.graphql(LOGOUT, { input: { refreshToken: user.refreshToken } }, { token: user.token }));
    refused(await me(user), 'UNAUTHENTICATED');
  });

  it('ends a remembered session when its refresh token is used twice', async () => {
    const user = await registerUser(app);
    const next = ok(await app.graphql(REFRESH, { input: { refreshToken: user.refreshToken } })).refreshSession;
    ok(await me({ token: next.accessToken }));
    refused(await app.graphql(REFRESH, { input: { refreshToken: user.refreshToken } }), 'UNAUTHENTICATED');
    refused(await me({ token: next.accessToken }), 'UNAUTHENTICATED');
  });

  it('lets a session that just passed the second factor act as an admin at once, and ends the sessions enrolment ends', async () => {
    const { organization, second } = await organizationRequiringMfa(app, mailbox);

    const rename = { input: { organizationId: organization.id, name: { fr: 'Nouveau nom', en: 'New name' } } };
    const other = ok(await app.graphql(LOGIN, { input: { email: second.email, password: PASSWORD } })).login;
    // Both of second's sessions are remembered as not having passed the second factor.
    expect(refused(await app.graphql(UPDATE_ORGANIZATION, rename, { token: second.token }), 'PRECONDITION_FAILED').extensions.reason).toBe('MFA_REQUIRED');
    ok(await me({ token: other.accessToken }));

    const secret = ok(await app.graphql(ENROL, {}, { token: second.token })).enrollMfa.secret;
    ok(await app.graphql(CONFIRM, { input: { password: PASSWORD, code: await codeAt(secret) } }, { token: second.token }));
    ok(await app.graphql(UPDATE_ORGANIZATION, rename, { token: second.token }));
    refused(await me({ token: other.accessToken }), 'UNAUTHENTICATED');
  });
});

/** Two API processes share one database and Redis: only a PostgreSQL server and a Redis make that setting. */
const multiProcess = !!process.env.REDIS_URL && !!process.env.DATABASE_URL;
const describeWithRedis = multiProcess ? describeApp : describeApp.skip;

/** Process B: Tandem served by a process of its own (support/serve-held.ts), on the same database and Redis as `app`. */
async function startProcessB(app: TestApp, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const config = app.app.get(AppConfig);
  const child = spawn(process.execPath, ['--require', join(__dirname, 'support/swc-register.js'), join(__dirname, 'support/serve-held.ts')], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: (app.dataSource.options as { url: string }).url, JWT_SECRET: config.jwtSecret, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { listening: string }) => resolve(message.listening));
    child.once('exit', (code) => reject(new Error(`Process B exited with ${code} before listening`)));
  });
  return { child, url };
}

describeWithRedis(
  multiProcess ? 'a session ended in another process' : 'a session ended in another process (skipped: needs REDIS_URL and DATABASE_URL)',
  { env: REMEMBERED },
  ({ app }) => {
    let processB: { child: ChildProcess; url: string } | undefined;
    beforeAll(async () => {
      // B remembers sessions for a minute: only the session.ended event can make it forget one sooner.
      processB = await startProcessB(app, REMEMBERED);
    }, 180_000);
    afterAll(() => processB?.child.kill('SIGKILL'));

    const meOnB = async (token: string) => {
      const response = await fetch(`${processB!.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: ME }),
      });
      return (await response.json()) as { data?: { me: { id: string } }; errors?: { extensions: { code: string } }[] };
    };

    it('is refused by a process that remembered it open, once the session.ended event reaches it', async () => {
      const user = await registerUser(app);
      expect((await meOnB(user.token)).data).toEqual({ me: { id: user.id } });
      ok(await app.graphql(LOGOUT, { input: { refreshToken: user.refreshToken } }, { token: user.token }));
      await eventually(async () => (await meOnB(user.token)).errors?.[0].extensions.code === 'UNAUTHENTICATED', 'the logout through A refused by B', 30_000);
    });
  },
);
