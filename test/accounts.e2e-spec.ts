import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { PASSWORD, registerUser, TestUser } from './support/factories';
import { eventually } from './support/eventually';
import { describeApp, ok, refused, SHIPPED_SESSION_CACHE_SECONDS } from './support/harness';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) }`;
const SIGN_IN = `mutation($input: LoginInput!) { login(input: $input) { accessToken accessTokenExpiresAt user { id email preferredLanguage } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } } }`;
const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken } }`;
const LOGOUT = `mutation($input: RefreshSessionInput!) { logout(input: $input) }`;
const ME = `{ me { id email displayName preferredLanguage } }`;

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

// Behind a trusted proxy, so that each test signs in from addresses of its own and the
// per-address throttle of one test does not reach the next.
// With the session cache as shipped: every way a session ends must show at the next request all the same.
describeApp('accounts', { env: { TRUST_PROXY: 'true', SESSION_CACHE_SECONDS: SHIPPED_SESSION_CACHE_SECONDS } }, ({ app }) => {
  const login = (email: string, password = PASSWORD, address = '203.0.113.7') =>
    app.graphql(LOGIN, { input: { email, password } }, { headers: { 'x-forwarded-for': address } });
  const register = (input: Record<string, unknown>) => app.graphql(REGISTER, { input: { password: PASSWORD, displayName: 'Someone', ...input } });

  describe('registering', () => {
    it('creates an account that signs in and answers `me`, with a 15-minute access token', async () => {
      // Registering signs nobody in: the same answer whether or not the address was taken (see account-email.e2e-spec.ts).
      expect(ok(await register({ email: 'Marie.Roy@Quebec.ca', displayName: 'Marie Roy' })).register).toBe(true);
      const data = ok(await app.graphql(SIGN_IN, { input: { email: 'marie.roy@quebec.ca', password: PASSWORD } })).login;
      // E-mail addresses are shown only to their owner, once signed in.
      expect(data.user.email).toBeNull();
      const lifetime = Date.parse(data.accessTokenExpiresAt) - Date.now();
      expect(lifetime).toBeGreaterThan(14 * 60_000);
      expect(lifetime).toBeLessThanOrEqual(15 * 60_000);
      // The announced expiry is the one written in the token.
      expect(Math.abs(claimsOf(data.accessToken).exp * 1000 - Date.parse(data.accessTokenExpiresAt))).toBeLessThan(2_000);
      const me = ok(await app.graphql(ME, {}, { token: data.accessToken })).me;
      expect(me).toEqual({ id: data.user.id, email: 'marie.roy@quebec.ca', displayName: 'Marie Roy', preferredLanguage: 'fr' });
    });

    it('keeps only an argon2id hash of the password and of the refresh token', async () => {
      const user = await registerUser(app);
      const [stored] = await app.dataSource.query(`SELECT password_hash FROM "user" WHERE id = $1`, [user.id]);
      expect(stored.password_hash).toMatch(/^\$argon2id\$/);
      expect(stored.password_hash).not.toContain(PASSWORD);
      const tokens = await app.dataSource.query(
        `SELECT token_hash FROM refresh_token JOIN auth_session ON auth_session.id = refresh_token.session_id WHERE auth_session.user_id = $1`,
        [user.id],
      );
      expect(tokens).toHaveLength(1);
      expect(tokens[0].token_hash).not.toContain(user.refreshToken);
    });

    it('treats e-mail addresses case-insensitively and answers a taken one as it answers a free one', async () => {
      const free = await register({ email: 'Jean@X.ca', displayName: 'Jean' });
      expect(await register({ email: 'jean@x.ca', password: 'another long passphrase', displayName: 'Jean bis' })).toEqual(free);
      // The first account is untouched: its password still works, the second one does not.
      ok(await login('JEAN@x.CA', PASSWORD, '203.0.113.2'));
      refused(await login('jean@x.ca', 'another long passphrase', '203.0.113.2'), 'UNAUTHENTICATED');
    });

    it.each([
      ['shorter than 12 characters', 'elevenchars', 'must be at least 12 characters long'],
      ['12 characters only with the blanks around it', '   padded   ', 'must be at least 12 characters long'],
      ['blank', ' '.repeat(16), 'must be at least 12 characters long'],
      ['the e-mail address', 'policy-check@example.ca', 'must not be your e-mail address'],
      ['the e-mail address in capitals', 'POLICY-CHECK@EXAMPLE.CA', 'must not be your e-mail address'],
      ["the e-mail address's local part", 'Policy-Check', 'must not be your e-mail address'],
    ])('refuses a password that is %s, naming the field', async (_, password, message) => {
      const error = refused(await register({ email: 'policy-check@example.ca', password }), 'BAD_USER_INPUT');
      expect(error.extensions.fields).toEqual([{ field: 'password', message }]);
    });

    it('accepts a password of exactly 12 characters', async () => {
      ok(await register({ email: 'twelve@example.ca', password: 'twelve chars' }));
    });

    it('refuses a malformed e-mail address and an empty name, listing both fields', async () => {
      const error = refused(await register({ email: 'not-an-address', displayName: '   ' }), 'BAD_USER_INPUT');
      expect(error.extensions.fields.map((field: { field: string }) => field.field).sort()).toEqual(['displayName', 'email']);
    });

    it('takes the preferred language, and an explicit null as no preference', async () => {
      const languageOf = async (email: string, preferredLanguage: string | null) => {
        ok(await register({ email, preferredLanguage }));
        return ok(await app.graphql(SIGN_IN, { input: { email, password: PASSWORD } })).login.user.preferredLanguage;
      };
      expect(await languageOf('anglo@example.ca', 'en')).toBe('en');
      expect(await languageOf('no-preference@example.ca', null)).toBe('fr');
    });
  });

  describe('signing in', () => {
    it('gives the same answer for a wrong password and an unknown address', async () => {
      const user = await registerUser(app);
      const wrong = refused(await login(user.email, 'wrong password 123', '203.0.113.1'), 'UNAUTHENTICATED');
      const unknown = refused(await login('nobody@nowhere.ca', PASSWORD, '203.0.113.1'), 'UNAUTHENTICATED');
      expect(wrong).toEqual(unknown);
      const session = ok(await login(user.email.toUpperCase(), PASSWORD, '203.0.113.1')).login;
      expect(ok(await app.graphql(ME, {}, { token: session.accessToken })).me.id).toBe(user.id);
    });

    it('slows and then refuses guessing on one account, even with the right password, without touching other accounts', async () => {
      const target = await registerUser(app);
      const bystander = await registerUser(app);
      for (let attempt = 1; attempt <= 5; attempt++) refused(await login(target.email, `guess number ${attempt}`, '198.51.100.9'), 'UNAUTHENTICATED');
      // From another address too: the lock is on the account.
      const locked = refused(await login(target.email, PASSWORD, '198.51.100.10'), 'RATE_LIMITED');
      expect(locked.extensions.retryAfterSeconds).toBeGreaterThan(0);
      expect(locked.extensions.retryAfterSeconds).toBeLessThanOrEqual(30);
      ok(await login(bystander.email, PASSWORD, '198.51.100.11'));

      // Once the lock has run out (moved into the past rather than waited for), each further failure doubles it.
      await app.dataSource.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE key = $1`, [`account:${target.email}`]);
      refused(await login(target.email, 'guess number 6', '198.51.100.9'), 'UNAUTHENTICATED');
      const longer = refused(await login(target.email, PASSWORD, '198.51.100.10'), 'RATE_LIMITED');
      expect(longer.extensions.retryAfterSeconds).toBeGreaterThan(30);
      expect(longer.extensions.retryAfterSeconds).toBeLessThanOrEqual(60);

      // And once it has run out, the right password works again and clears the count.
      await app.dataSource.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE key = $1`, [`account:${target.email}`]);
      ok(await login(target.email, PASSWORD, '198.51.100.10'));
      for (let attempt = 1; attempt <= 4; attempt++) refused(await login(target.email, `fresh guess ${attempt}`, '198.51.100.12'), 'UNAUTHENTICATED');
      ok(await login(target.email, PASSWORD, '198.51.100.12'));
    });

    it('locks an address that has no account just like one that has, so the lock tells nothing', async () => {
      for (let attempt = 1; attempt <= 5; attempt++) refused(await login('ghost@example.ca', `guess ${attempt}`, '198.51.100.20'), 'UNAUTHENTICATED');
      expect(refused(await login('ghost@example.ca', PASSWORD, '198.51.100.21'), 'RATE_LIMITED').extensions.retryAfterSeconds).toBeGreaterThan(0);
    });

    it('counts guesses sent all at once: no more are checked than one at a time', async () => {
      const target = await registerUser(app);
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, index) => login(target.email, `parallel guess ${index}`, `198.51.100.${100 + index}`)),
      );
      const codes = answers.map((answer) => answer.errors?.[0].extensions.code);
      // Four free failures, and the fifth that sets the lock; every other guess is refused unchecked.
      expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(5);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(7);
      refused(await login(target.email, PASSWORD, '198.51.100.99'), 'RATE_LIMITED');
    });

    it('refuses, per client address, many failures spread over many accounts', async () => {
      for (let attempt = 0; attempt < 20; attempt++) {
        refused(await login(`spray-${attempt}@example.ca`, 'password spray!', '192.0.2.44'), 'UNAUTHENTICATED');
      }
      const user = await registerUser(app);
      refused(await login(user.email, PASSWORD, '192.0.2.44'), 'RATE_LIMITED');
      ok(await login(user.email, PASSWORD, '192.0.2.45'));
    });

    it('counts an IPv6 client by its /64: a host there picks a new address for each try', async () => {
      for (let attempt = 0; attempt < 20; attempt++) {
        refused(await login(`spray6-${attempt}@example.ca`, 'password spray!', `2001:db8:44:1::${(attempt + 1).toString(16)}`), 'UNAUTHENTICATED');
      }
      const user = await registerUser(app);
      refused(await login(user.email, PASSWORD, '2001:db8:44:1:abcd::1'), 'RATE_LIMITED');
      ok(await login(user.email, PASSWORD, '2001:db8:44:2::1'));
    });
  });

  describe('access tokens', () => {
    let user: TestUser;
    let claims: { sub: string; sid: string };
    beforeAll(async () => {
      user = await registerUser(app);
      claims = claimsOf(user.token);
    });

    it('are required', async () => {
      refused(await app.graphql(ME), 'UNAUTHENTICATED');
      refused(await app.graphql(ME, {}, { headers: { authorization: `Basic ${Buffer.from(`${user.email}:${PASSWORD}`).toString('base64')}` } }), 'UNAUTHENTICATED');
      refused(await app.graphql(ME, {}, { token: 'not-a-jwt' }), 'UNAUTHENTICATED');
    });

    it('are refused when tampered with', async () => {
      const [header, payload, signature] = user.token.split('.');
      const flipped = signature[5] === 'A' ? 'B' : 'A';
      refused(await app.graphql(ME, {}, { token: `${header}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}` }), 'UNAUTHENTICATED');
      const otherPerson = Buffer.from(JSON.stringify({ ...claims, sub: randomUUID() })).toString('base64url');
      refused(await app.graphql(ME, {}, { token: `${header}.${otherPerson}.${signature}` }), 'UNAUTHENTICATED');
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      refused(await app.graphql(ME, {}, { token: unsigned }), 'UNAUTHENTICATED');
    });

    it('are refused once expired', async () => {
      const jwt = app.app.get(JwtService);
      refused(await app.graphql(ME, {}, { token: await jwt.signAsync({ sub: claims.sub, sid: claims.sid }, { expiresIn: -10 }) }), 'UNAUTHENTICATED');
      const longAgo = Math.floor(Date.now() / 1000) - 3600;
      refused(await app.graphql(ME, {}, { token: await jwt.signAsync({ sub: claims.sub, sid: claims.sid, iat: longAgo }) }), 'UNAUTHENTICATED');
      // The same claims, freshly signed, do work: the refusals above are about time alone.
      ok(await app.graphql(ME, {}, { token: await jwt.signAsync({ sub: claims.sub, sid: claims.sid }) }));
    });

    it('are refused from the moment they expire, though the server already verified them', async () => {
      const jwt = app.app.get(JwtService);
      const shortLived = await jwt.signAsync({ sub: claims.sub, sid: claims.sid }, { expiresIn: 2 });
      ok(await app.graphql(ME, {}, { token: shortLived }));
      await eventually(async () => (await app.graphql(ME, {}, { token: shortLived })).errors?.[0].extensions.code === 'UNAUTHENTICATED', 'the verified token refused once expired', 15_000);
    });

    it('are refused when signed with another secret, or with another algorithm', async () => {
      const foreign = new JwtService({ secret: 'another-secret-that-is-long-enough-for-hs256' });
      refused(await app.graphql(ME, {}, { token: await foreign.signAsync({ sub: claims.sub, sid: claims.sid }) }), 'UNAUTHENTICATED');
      const jwt = app.app.get(JwtService);
      refused(await app.graphql(ME, {}, { token: await jwt.signAsync({ sub: claims.sub, sid: claims.sid }, { algorithm: 'HS512' }) }), 'UNAUTHENTICATED');
    });

    it('are refused when, though validly signed, they name no open session of their person', async () => {
      const jwt = app.app.get(JwtService);
      for (const forged of [{}, { sub: claims.sub }, { sid: claims.sid }, { sub: claims.sub, sid: randomUUID() }, { sub: randomUUID(), sid: claims.sid }, { sub: claims.sub, sid: 'not-a-uuid' }]) {
        refused(await app.graphql(ME, {}, { token: await jwt.signAsync(forged) }), 'UNAUTHENTICATED');
      }
    });
  });

  describe('refresh tokens', () => {
    it('rotate: each gives a new pair whose tokens work', async () => {
      const user = await registerUser(app);
      const first = ok(await app.graphql(REFRESH, { input: { refreshToken: user.refreshToken } })).refreshSession;
      expect(first.refreshToken).not.toBe(user.refreshToken);
      expect(claimsOf(first.accessToken).sid).toBe(claimsOf(user.token).sid);
      ok(await app.graphql(ME, {}, { token: first.accessToken }));
      const second = ok(await app.graphql(REFRESH, { input: { refreshToken: first.refreshToken } })).refreshSession;
      ok(await app.graphql(ME, {}, { token: second.accessToken }));
    });

    it('work once: one presented again revokes its whole family, newest token and access tokens included', async () => {
      const user = await registerUser(app);
      const elsewhere = ok(await login(user.email, PASSWORD, '203.0.113.40')).login;
      const stolen = user.refreshToken;
      const legit = ok(await app.graphql(REFRESH, { input: { refreshToken: stolen } })).refreshSession;
      const replay = refused(await app.graphql(REFRESH, { input: { refreshToken: stolen } }), 'UNAUTHENTICATED');
      expect(replay.message).toMatch(/already used/);
      refused(await app.graphql(REFRESH, { input: { refreshToken: legit.refreshToken } }), 'UNAUTHENTICATED');
      refused(await app.graphql(ME, {}, { token: legit.accessToken }), 'UNAUTHENTICATED');
      refused(await app.graphql(ME, {}, { token: user.token }), 'UNAUTHENTICATED');
      // The person's other sign-ins are other families: they go on.
      ok(await app.graphql(ME, {}, { token: elsewhere.accessToken }));
      ok(await app.graphql(REFRESH, { input: { refreshToken: elsewhere.refreshToken } }));
      // Signing in again starts a new, working session.
      ok(await login(user.email, PASSWORD, '203.0.113.50'));
    });

    it('are refused when unknown or expired', async () => {
      refused(await app.graphql(REFRESH, { input: { refreshToken: 'made-up-token' } }), 'UNAUTHENTICATED');
      const user = await registerUser(app);
      await app.dataSource.query(
        `UPDATE refresh_token SET expires_at = now() - interval '1 minute' WHERE session_id IN (SELECT id FROM auth_session WHERE user_id = $1)`,
        [user.id],
      );
      refused(await app.graphql(REFRESH, { input: { refreshToken: user.refreshToken } }), 'UNAUTHENTICATED');
    });
  });

  describe('logging out', () => {
    it('ends the session: its access and refresh tokens stop working at once, other sessions go on', async () => {
      const user = await registerUser(app);
      const other = ok(await login(user.email, PASSWORD, '203.0.113.60')).login;
      expect(ok(await app.graphql(LOGOUT, { input: { refreshToken: user.refreshToken } }, { token: user.token })).logout).toBe(true);
      refused(await app.graphql(ME, {}, { token: user.token }), 'UNAUTHENTICATED');
      refused(await app.graphql(REFRESH, { input: { refreshToken: user.refreshToken } }), 'UNAUTHENTICATED');
      ok(await app.graphql(ME, {}, { token: other.accessToken }));
    });

    it('needs an access token', async () => {
      const user = await registerUser(app);
      refused(await app.graphql(LOGOUT, { input: { refreshToken: user.refreshToken } }), 'UNAUTHENTICATED');
      ok(await app.graphql(ME, {}, { token: user.token }));
    });

    it("cannot end someone else's session", async () => {
      const victim = await registerUser(app);
      const attacker = await registerUser(app);
      expect(ok(await app.graphql(LOGOUT, { input: { refreshToken: victim.refreshToken } }, { token: attacker.token })).logout).toBe(false);
      ok(await app.graphql(ME, {}, { token: victim.token }));
      ok(await app.graphql(REFRESH, { input: { refreshToken: victim.refreshToken } }));
    });
  });
});
