import { JwtService } from '@nestjs/jwt';
import { PASSWORD, registerUser } from './support/factories';
import { ok, refused, TestApp } from './support/harness';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken accessTokenExpiresAt user { id email } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } } }`;
const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken } }`;
const LOGOUT = `mutation($input: RefreshSessionInput!) { logout(input: $input) }`;
const ME = `{ me { id email displayName preferredLanguage } }`;

describe('accounts', () => {
  let app: TestApp;
  // Behind a trusted proxy, so that each test signs in from addresses of its own.
  beforeAll(async () => (app = await TestApp.start({ TRUST_PROXY: 'true' })));
  afterAll(() => app.stop());

  const login = (email: string, password = PASSWORD, address = "203.0.113.7") =>
    app.graphql(LOGIN, { input: { email, password } }, { headers: { 'x-forwarded-for': address } });

  describe('registering', () => {
    it('creates an account that answers `me`, with a 15-minute access token', async () => {
      const data = ok(await app.graphql(REGISTER, { input: { email: 'Marie.Roy@Quebec.ca', password: PASSWORD, displayName: 'Marie Roy' } }));
      // E-mail addresses are shown only to their owner, once signed in.
      expect(data.register.user.email).toBeNull();
      const lifetime = Date.parse(data.register.accessTokenExpiresAt) - Date.now();
      expect(lifetime).toBeGreaterThan(14 * 60_000);
      expect(lifetime).toBeLessThanOrEqual(15 * 60_000);
      const me = ok(await app.graphql(ME, {}, { token: data.register.accessToken })).me;
      expect(me).toEqual({ id: data.register.user.id, email: 'marie.roy@quebec.ca', displayName: 'Marie Roy', preferredLanguage: 'fr' });
    });

    it('treats e-mail addresses case-insensitively and says no more than CONFLICT for a taken one', async () => {
      ok(await app.graphql(REGISTER, { input: { email: 'jean@x.ca', password: PASSWORD, displayName: 'Jean' } }));
      const error = refused(await app.graphql(REGISTER, { input: { email: 'JEAN@X.CA', password: PASSWORD, displayName: 'Jean bis' } }), 'CONFLICT');
      expect(error.message).toBe('An account with this e-mail address already exists');
      expect(Object.keys(error.extensions)).toEqual(['code']);
    });

    it.each([
      ['too short', 'short-pass', 'must be at least 12 characters long'],
      ['the e-mail address', 'policy-check@example.ca', 'must not be your e-mail address'],
    ])('refuses a password that is %s, naming the field', async (_, password, message) => {
      const error = refused(
        await app.graphql(REGISTER, { input: { email: 'policy-check@example.ca', password, displayName: 'P' } }),
        'BAD_USER_INPUT',
      );
      expect(error.extensions.fields).toEqual([{ field: 'password', message }]);
    });

    it('refuses a malformed e-mail address and an empty name, listing both fields', async () => {
      const error = refused(await app.graphql(REGISTER, { input: { email: 'not-an-address', password: PASSWORD, displayName: '   ' } }), 'BAD_USER_INPUT');
      expect(error.extensions.fields.map((field: { field: string }) => field.field).sort()).toEqual(['displayName', 'email']);
    });
  });

  describe('signing in', () => {
    it('gives the same answer for a wrong password and an unknown address', async () => {
      const user = await registerUser(app);
      const wrong = refused(await login(user.email, 'wrong password 123', '203.0.113.1'), 'UNAUTHENTICATED');
      const unknown = refused(await login('nobody@nowhere.ca', PASSWORD, '203.0.113.1'), 'UNAUTHENTICATED');
      expect(wrong.message).toBe(unknown.message);
      ok(await login(user.email.toUpperCase(), PASSWORD, '203.0.113.1'));
    });

    it('slows and then refuses guessing on one account, without touching other accounts', async () => {
      const target = await registerUser(app);
      const bystander = await registerUser(app);
      for (let attempt = 0; attempt < 4; attempt++) refused(await login(target.email, 'guess number ' + attempt, '198.51.100.9'), 'UNAUTHENTICATED');
      refused(await login(target.email, 'guess number 5', '198.51.100.9'), 'UNAUTHENTICATED');
      const locked = refused(await login(target.email, PASSWORD, '198.51.100.10'), 'RATE_LIMITED');
      expect(locked.extensions.retryAfterSeconds).toBeGreaterThan(0);
      expect(locked.extensions.retryAfterSeconds).toBeLessThanOrEqual(30);
      ok(await login(bystander.email, PASSWORD, '198.51.100.11'));

      // Each further failure after the lock doubles it.
      await app.dataSource.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE key = $1`, [`account:${target.email}`]);
      refused(await login(target.email, 'guess number 6', '198.51.100.9'), 'UNAUTHENTICATED');
      const longer = refused(await login(target.email, PASSWORD, '198.51.100.10'), 'RATE_LIMITED');
      expect(longer.extensions.retryAfterSeconds).toBeGreaterThan(30);
    });

    it('refuses, per client address, many failures spread over many accounts', async () => {
      for (let attempt = 0; attempt < 20; attempt++) {
        refused(await login(`spray-${attempt}@example.ca`, 'password spray!', '192.0.2.44'), 'UNAUTHENTICATED');
      }
      const user = await registerUser(app);
      refused(await login(user.email, PASSWORD, '192.0.2.44'), 'RATE_LIMITED');
      ok(await login(user.email, PASSWORD, '192.0.2.45'));
    });
  });

  describe('access tokens', () => {
    it('are required, and refused when tampered, expired or signed by someone else', async () => {
      const user = await registerUser(app);
      refused(await app.graphql(ME), 'UNAUTHENTICATED');
      const [header, payload, signature] = user.token.split('.');
      const flipped = signature[5] === 'A' ? 'B' : 'A';
      const tampered = `${header}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`;
      refused(await app.graphql(ME, {}, { token: tampered }), 'UNAUTHENTICATED');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forgedClaims = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url')}.${signature}`;
      refused(await app.graphql(ME, {}, { token: forgedClaims }), 'UNAUTHENTICATED');

      const jwt = app.app.get(JwtService);
      const expired = await jwt.signAsync({ sub: claims.sub, sid: claims.sid }, { expiresIn: -10 });
      refused(await app.graphql(ME, {}, { token: expired }), 'UNAUTHENTICATED');
      const foreign = new JwtService({ secret: 'another-secret-that-is-long-enough-for-hs256' });
      refused(await app.graphql(ME, {}, { token: await foreign.signAsync({ sub: claims.sub, sid: claims.sid }) }), 'UNAUTHENTICATED');
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      refused(await app.graphql(ME, {}, { token: unsigned }), 'UNAUTHENTICATED');
      ok(await app.graphql(ME, {}, { token: await jwt.signAsync({ sub: claims.sub, sid: claims.sid }) }));
    });
  });

  describe('refresh tokens', () => {
    it('rotate: each one works once and gives a new pair', async () => {
      const user = await registerUser(app);
      const first = ok(await app.graphql(REFRESH, { input: { refreshToken: user.refreshToken } })).refreshSession;
      expect(first.refreshToken).not.toBe(user.refreshToken);
      ok(await app.graphql(ME, {}, { token: first.accessToken }));
      const second = ok(await app.graphql(REFRESH, { input: { refreshToken: first.refreshToken } })).refreshSession;
      ok(await app.graphql(ME, {}, { token: second.accessToken }));
    });

    it('revoke the whole family, access tokens included, when one is presented twice', async () => {
      const user = await registerUser(app);
      const stolen = user.refreshToken;
      const legit = ok(await app.graphql(REFRESH, { input: { refreshToken: stolen } })).refreshSession;
      const replay = refused(await app.graphql(REFRESH, { input: { refreshToken: stolen } }), 'UNAUTHENTICATED');
      expect(replay.message).toMatch(/already used/);
      refused(await app.graphql(REFRESH, { input: { refreshToken: legit.refreshToken } }), 'UNAUTHENTICATED');
      refused(await app.graphql(ME, {}, { token: legit.accessToken }), 'UNAUTHENTICATED');
      refused(await app.graphql(ME, {}, { token: user.token }), 'UNAUTHENTICATED');
      // Signing in again starts a new, working session.
      ok(await login(user.email, PASSWORD, '203.0.113.50'));
    });

    it('are refused when unknown or expired', async () => {
      refused(await app.graphql(REFRESH, { input: { refreshToken: 'made-up-token' } }), 'UNAUTHENTICATED');
      const user = await registerUser(app);
      await app.dataSource.query(`UPDATE refresh_token SET expires_at = now() - interval '1 minute'`);
      refused(await app.graphql(REFRESH, { input: { refreshToken: user.refreshToken } }), 'UNAUTHENTICATED');
    });
  });

  describe('logging out', () => {
    it('ends the session: its access and refresh tokens stop working, other sessions go on', async () => {
      const user = await registerUser(app);
      const other = ok(await login(user.email, PASSWORD, '203.0.113.60')).login;
      expect(ok(await app.graphql(LOGOUT, { input: { refreshToken: user.refreshToken } }, { token: user.token })).logout).toBe(true);
      refused(await app.graphql(ME, {}, { token: user.token }), 'UNAUTHENTICATED');
      refused(await app.graphql(REFRESH, { input: { refreshToken: user.refreshToken } }), 'UNAUTHENTICATED');
      ok(await app.graphql(ME, {}, { token: other.accessToken }));
    });

    it("cannot end someone else's session", async () => {
      const victim = await registerUser(app);
      const attacker = await registerUser(app);
      expect(ok(await app.graphql(LOGOUT, { input: { refreshToken: victim.refreshToken } }, { token: attacker.token })).logout).toBe(false);
      ok(await app.graphql(ME, {}, { token: victim.token }));
    });
  });
});
