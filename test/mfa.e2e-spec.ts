import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../src/config/config';
import { addOrganizationMember, createOrganization, PASSWORD, registerUser, TestUser, verifyEmail } from './support/factories';
import { describeApp, ok, refused, SHIPPED_SESSION_CACHE_SECONDS } from './support/harness';
import { useMailbox } from './support/mailbox';
import { CONFIRM, codeAt, ENROL, organizationRequiringMfa, SET_REQUIREMENT } from './support/mfa';

const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { mfaRequired mfaChallenge mfaChallengeExpiresAt accessToken refreshToken user { id } } }`;
const DISABLE = `mutation($input: DisableMfaInput!) { disableMfa(input: $input) }`;
const VERIFY = `mutation($input: VerifyMfaInput!) { verifyMfa(input: $input) { accessToken refreshToken user { id } } }`;
const ME = `{ me { id mfaEnabled mfaRecoveryCodesRemaining } }`;
const UPDATE_ORGANIZATION = `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }`;
const INVITE = `mutation($input: InviteToOrganizationInput!) { inviteToOrganization(input: $input) { id } }`;
const CHANGE_ROLE = `mutation($input: ChangeOrganizationRoleInput!) { changeOrganizationRole(input: $input) { role } }`;
const REQUEST_TO_JOIN = `mutation($input: OrganizationIdInput!) { requestToJoinOrganization(input: $input) { id } }`;
const DECIDE = `mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { status } }`;
const MEMBERS = `query($slug: String!) { organization(slug: $slug) { mfaRequired members(first: 10) { totalCount } } }`;

const WRONG_CODE = 'Wrong or already used code';
const INVALID_CHALLENGE = 'This sign-in challenge is invalid, expired or already used: sign in again';


/** A six-digit code that is not the current one (nor, but by a one-in-a-million chance, a neighbour). */
const wrongCode = async (secret: string) => {
  const right = await codeAt(secret);
  return `${right.slice(0, 5)}${(Number(right[5]) + 5) % 10}`;
};

interface Enrolled extends TestUser {
  secret: string;
  recoveryCodes: string[];
}

const mailbox = useMailbox();

// Behind a trusted proxy, so that each test signs in from an address of its own (see accounts.e2e-spec.ts).
// With the session cache as shipped: a passed second factor and an ended session must show at the next request all the same.
describeApp('MFA with TOTP', { env: () => ({ TRUST_PROXY: 'true', SESSION_CACHE_SECONDS: SHIPPED_SESSION_CACHE_SECONDS, ...mailbox.env }) }, ({ app }) => {
  let addresses = 0;
  const address = () => `198.51.100.${++addresses}`;
  const login = (user: TestUser) => app.graphql(LOGIN, { input: { email: user.email, password: PASSWORD } }, { headers: { 'x-forwarded-for': address() } });
  const challengeOf = async (user: TestUser) => ok(await login(user)).login.mfaChallenge as string;
  const verify = (input: Record<string, unknown>) => app.graphql(VERIFY, { input });

  /** A person with MFA enabled; the confirming code is one step old, so the next two steps remain for the test. */
  async function enrolled(): Promise<Enrolled> {
    const user = await registerUser(app);
    const { secret } = ok(await app.graphql(ENROL, {}, { token: user.token })).enrollMfa;
    const { recoveryCodes } = ok(await app.graphql(CONFIRM, { input: { password: PASSWORD, code: await codeAt(secret, -1) } }, { token: user.token })).confirmMfa;
    return { ...user, secret, recoveryCodes };
  }

  describe('enrolment', () => {
    it('returns an otpauth URI and the base32 secret; a first code enables MFA and hands out ten recovery codes, once', async () => {
      const user = await registerUser(app);
      expect(ok(await app.graphql(ME, {}, { token: user.token })).me).toEqual({ id: user.id, mfaEnabled: false, mfaRecoveryCodesRemaining: 0 });
      const enrolment = ok(await app.graphql(ENROL, {}, { token: user.token })).enrollMfa;
      expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
      const uri = new URL(enrolment.otpauthUri);
      expect(`${uri.protocol}//${uri.host}${decodeURIComponent(uri.pathname)}`).toBe(`otpauth://totp/Tandem:${user.email}`);
      expect(uri.searchParams.get('secret')).toBe(enrolment.secret);
      expect(uri.searchParams.get('issuer')).toBe('Tandem');
      // Enrolled is not enabled: signing in still takes the password only, until a first code confirms.
      expect(ok(await app.graphql(ME, {}, { token: user.token })).me.mfaEnabled).toBe(false);
      expect(ok(await login(user)).login.mfaRequired).toBe(false);

      const wrong = refused(await app.graphql(CONFIRM, { input: { password: PASSWORD, code: await wrongCode(enrolment.secret) } }, { token: user.token }), 'BAD_USER_INPUT');
      expect(wrong.extensions.fields).toEqual([{ field: 'code', message: 'is wrong or was already used' }]);
      const malformed = refused(await app.graphql(CONFIRM, { input: { password: PASSWORD, code: '12ab56' } }, { token: user.token }), 'BAD_USER_INPUT');
      expect(malformed.extensions.fields).toEqual([{ field: 'code', message: 'must be the 6 digits your authenticator app shows' }]);

      const { recoveryCodes } = ok(await app.graphql(CONFIRM, { input: { password: PASSWORD, code: await codeAt(enrolment.secret) } }, { token: user.token })).confirmMfa;
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
      expect(ok(await app.graphql(ME, {}, { token: user.token })).me).toEqual({ id: user.id, mfaEnabled: true, mfaRecoveryCodesRemaining: 10 });

      // Shown once: enrolling or confirming again is refused while MFA is enabled.
      expect(refused(await app.graphql(ENROL, {}, { token: user.token }), 'CONFLICT').message).toBe('MFA is already enabled on your account');
      refused(await app.graphql(CONFIRM, { input: { password: PASSWORD, code: await codeAt(enrolment.secret, 1) } }, { token: user.token }), 'CONFLICT');
    });

    it('keeps the secret encrypted and only keyed hashes of the recovery codes', async () => {
      const user = await enrolled();
      const [stored] = await app.dataSource.query(`SELECT sealed_secret FROM user_mfa WHERE user_id = $1`, [user.id]);
      expect(stored.sealed_secret).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(stored.sealed_secret).not.toContain(user.secret);
      expect(Buffer.from(stored.sealed_secret.split('.')[3], 'base64url').toString('latin1')).not.toContain(user.secret);
      const hashes: { code_hash: string }[] = await app.dataSource.query(`SELECT code_hash FROM mfa_recovery_code WHERE user_id = $1`, [user.id]);
      expect(hashes).toHaveLength(10);
      for (const { code_hash } of hashes) {
        expect(code_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(user.recoveryCodes.some((code) => code_hash.includes(code) || code_hash.includes(code.replace('-', '')))).toBe(false);
      }
    });

    it('refuses to confirm without an enrolment, and to disable MFA that is not enabled', async () => {
      const user = await registerUser(app);
      const confirm = refused(await app.graphql(CONFIRM, { input: { password: PASSWORD, code: '123456' } }, { token: user.token }), 'PRECONDITION_FAILED');
      expect(confirm.extensions.reasons).toEqual(['There is no MFA enrolment to confirm: start with enrollMfa']);
      refused(await app.graphql(DISABLE, { input: { code: '123456' } }, { token: user.token }), 'PRECONDITION_FAILED');
      refused(await app.graphql(ENROL), 'UNAUTHENTICATED');
    });

    it('takes the account password to confirm, so a stolen access token alone cannot lock the owner out', async () => {
      const user = await registerUser(app);
      const { secret } = ok(await app.graphql(ENROL, {}, { token: user.token })).enrollMfa;
      const code = await codeAt(secret);
      const wrong = refused(await app.graphql(CONFIRM, { input: { password: 'not the password at all', code } }, { token: user.token }), 'BAD_USER_INPUT');
      expect(wrong.extensions.fields).toEqual([{ field: 'password', message: 'is not your current password' }]);
      refused(await app.graphql(CONFIRM, { input: { code } }, { token: user.token }), 'BAD_USER_INPUT');
      expect(ok(await app.graphql(ME, {}, { token: user.token })).me.mfaEnabled).toBe(false);
      // The refused tries did not spend the code.
      ok(await app.graphql(CONFIRM, { input: { password: PASSWORD, code } }, { token: user.token }));
      expect(ok(await app.graphql(ME, {}, { token: user.token })).me.mfaEnabled).toBe(true);
    });

    it('throttles wrong passwords given to confirm as failed sign-ins are, on a key of their own', async () => {
      const user = await registerUser(app);
      const { secret } = ok(await app.graphql(ENROL, {}, { token: user.token })).enrollMfa;
      const headers = { 'x-forwarded-for': address() };
      const confirm = async (who: TestUser, whoseSecret: string, password: string) =>
        app.graphql(CONFIRM, { input: { password, code: await codeAt(whoseSecret) } }, { token: who.token, headers });
      for (let attempt = 0; attempt < 5; attempt++) refused(await confirm(user, secret, `wrong password ${attempt}`), 'BAD_USER_INPUT');
      refused(await confirm(user, secret, PASSWORD), 'RATE_LIMITED');
      expect(ok(await app.graphql(ME, {}, { token: user.token })).me.mfaEnabled).toBe(false);
      // Guessing here locks confirming, not signing in; and failed sign-ins by whoever knows an address never stop its owner confirming.
      expect(ok(await login(user)).login.accessToken).toEqual(expect.any(String));
      const owner = await registerUser(app);
      const ownerSecret = ok(await app.graphql(ENROL, {}, { token: owner.token })).enrollMfa.secret;
      const guess = () => app.graphql(LOGIN, { input: { email: owner.email, password: 'a guess at the password' } }, { headers: { 'x-forwarded-for': address() } });
      for (let attempt = 0; attempt < 5; attempt++) refused(await guess(), 'UNAUTHENTICATED');
      refused(await guess(), 'RATE_LIMITED');
      ok(await confirm(owner, ownerSecret, PASSWORD));
    });
  });

  describe('signing in', () => {
    it('answers a right password with a short-lived challenge instead of tokens; verifyMfa with a code completes it', async () => {
      const user = await enrolled();
      const answer = ok(await login(user)).login;
      expect(answer).toEqual({
        mfaRequired: true,
        mfaChallenge: expect.any(String),
        mfaChallengeExpiresAt: expect.any(String),
        accessToken: null,
        refreshToken: null,
        user: null,
      });
      const lifetime = Date.parse(answer.mfaChallengeExpiresAt) - Date.now();
      expect(lifetime).toBeGreaterThan(4 * 60_000);
      expect(lifetime).toBeLessThanOrEqual(5 * 60_000);
      // Only its hash is kept.
      const [stored] = await app.dataSource.query(`SELECT token_hash FROM mfa_challenge WHERE user_id = $1`, [user.id]);
      expect(stored.token_hash).not.toContain(answer.mfaChallenge);

      const session = ok(await verify({ challenge: answer.mfaChallenge, code: await codeAt(user.secret) })).verifyMfa;
      expect(session.user.id).toBe(user.id);
      expect(ok(await app.graphql(ME, {}, { token: session.accessToken })).me.mfaEnabled).toBe(true);
      // A session like any other: its refresh token rotates.
      ok(await app.graphql(`mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken } }`, { input: { refreshToken: session.refreshToken } }));
    });

    it('still answers tokens at once to an account without MFA', async () => {
      const user = await registerUser(app);
      const answer = ok(await login(user)).login;
      expect(answer).toEqual(expect.objectContaining({ mfaRequired: false, mfaChallenge: null, accessToken: expect.any(String), user: { id: user.id } }));
    });

    it('refuses a wrong code, a code already used (same time step) and one older than the last used', async () => {
      const user = await enrolled();
      const challenge = await challengeOf(user);
      expect(refused(await verify({ challenge, code: await wrongCode(user.secret) }), 'UNAUTHENTICATED').message).toBe(WRONG_CODE);
      const code = await codeAt(user.secret);
      ok(await verify({ challenge, code }));
      // The same code on a fresh challenge, within its 30 seconds: a replay.
      const replayed = refused(await verify({ challenge: await challengeOf(user), code }), 'UNAUTHENTICATED');
      expect(replayed.message).toBe(WRONG_CODE);
      // The code of the step before (still within the window), after a later one was used.
      const older = refused(await verify({ challenge: await challengeOf(user), code: await codeAt(user.secret, -1) }), 'UNAUTHENTICATED');
      expect(older.message).toBe(WRONG_CODE);
      // The next step's code is accepted: the refusals were about those codes, not the account.
      ok(await verify({ challenge: await challengeOf(user), code: await codeAt(user.secret, 1) }));
    });

    it('opens one session for one code sent twice at once', async () => {
      const user = await enrolled();
      const [one, other] = [await challengeOf(user), await challengeOf(user)];
      const code = await codeAt(user.secret);
      const answers = await Promise.all([verify({ challenge: one, code }), verify({ challenge: other, code })]);
      expect(answers.map((answer) => (answer.errors ? answer.errors[0].extensions.code : 'OK')).sort()).toEqual(['OK', 'UNAUTHENTICATED']);
    });

    it('refuses an expired, a reused, an unknown and a foreign challenge', async () => {
      const user = await enrolled();
      const expired = await challengeOf(user);
      await app.dataSource.query(`UPDATE mfa_challenge SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
      expect(refused(await verify({ challenge: expired, code: await codeAt(user.secret) }), 'UNAUTHENTICATED').message).toBe(INVALID_CHALLENGE);

      const used = await challengeOf(user);
      ok(await verify({ challenge: used, code: await codeAt(user.secret) }));
      expect(refused(await verify({ challenge: used, code: await codeAt(user.secret, 1) }), 'UNAUTHENTICATED').message).toBe(INVALID_CHALLENGE);

      const unknown = randomBytes(32).toString('base64url');
      expect(refused(await verify({ challenge: unknown, code: await codeAt(user.secret, 1) }), 'UNAUTHENTICATED').message).toBe(INVALID_CHALLENGE);

      // Someone else's challenge with one's own right code: the code is checked against the challenge's account.
      const other = await enrolled();
      const foreign = await challengeOf(user);
      expect(refused(await verify({ challenge: foreign, code: await codeAt(other.secret) }), 'UNAUTHENTICATED').message).toBe(WRONG_CODE);
      const session = ok(await verify({ challenge: foreign, code: await codeAt(user.secret, 1) })).verifyMfa;
      expect(session.user.id).toBe(user.id);
    });

    it('takes a recovery code in place of a code, once each, however it is typed', async () => {
      const user = await enrolled();
      const [first, second] = user.recoveryCodes;
      const typed = first.replace('-', ' ').toUpperCase();
      const session = ok(await verify({ challenge: await challengeOf(user), recoveryCode: typed })).verifyMfa;
      expect(ok(await app.graphql(ME, {}, { token: session.accessToken })).me.mfaRecoveryCodesRemaining).toBe(9);
      expect(refused(await verify({ challenge: await challengeOf(user), recoveryCode: first }), 'UNAUTHENTICATED').message).toBe(WRONG_CODE);
      ok(await verify({ challenge: await challengeOf(user), recoveryCode: second }));
      expect(ok(await app.graphql(ME, {}, { token: session.accessToken })).me.mfaRecoveryCodesRemaining).toBe(8);

      const challenge = await challengeOf(user);
      const both = refused(await verify({ challenge, code: await codeAt(user.secret), recoveryCode: user.recoveryCodes[2] }), 'BAD_USER_INPUT');
      expect(both.extensions.fields.map((field: { field: string }) => field.field)).toEqual(['code', 'recoveryCode']);
      refused(await verify({ challenge }), 'BAD_USER_INPUT');
    });
  });

  describe('throttling', () => {
    it('locks a challenge after three wrong codes, even for the right one, with retryAfterSeconds; a new challenge works', async () => {
      const user = await enrolled();
      const challenge = await challengeOf(user);
      for (let attempt = 0; attempt < 3; attempt++) refused(await verify({ challenge, code: await wrongCode(user.secret) }), 'UNAUTHENTICATED');
      const locked = refused(await verify({ challenge, code: await codeAt(user.secret) }), 'RATE_LIMITED');
      expect(locked.extensions.retryAfterSeconds).toBeGreaterThan(0);
      expect(locked.extensions.retryAfterSeconds).toBeLessThanOrEqual(30);
      ok(await verify({ challenge: await challengeOf(user), code: await codeAt(user.secret) }));
    });

    it('locks the person after five wrong codes across challenges', async () => {
      const user = await enrolled();
      for (let attempt = 0; attempt < 5; attempt++) {
        const challenge = await challengeOf(user);
        refused(await verify({ challenge, code: await wrongCode(user.secret) }), 'UNAUTHENTICATED');
      }
      const locked = refused(await verify({ challenge: await challengeOf(user), code: await codeAt(user.secret) }), 'RATE_LIMITED');
      expect(locked.extensions.retryAfterSeconds).toBeGreaterThan(0);
      // The lock holds for turning MFA off as well: a stolen session does not guess around it.
      refused(await app.graphql(DISABLE, { input: { code: await codeAt(user.secret) } }, { token: user.token }), 'RATE_LIMITED');
    });
  });

  describe('organizations that require MFA', () => {
    it('lets only an enrolled admin require it; then refuses admin actions of admins who have not enrolled, until they do', async () => {
      const first = await registerUser(app);
      const domain = `mfa-${Date.now()}.gc.ca`;
      const organization = await createOrganization(app, first, { emailDomains: [domain] });
      const turnOn = { input: { organizationId: organization.id, required: true } };
      const notEnrolled = refused(await app.graphql(SET_REQUIREMENT, turnOn, { token: first.token }), 'PRECONDITION_FAILED');
      expect(notEnrolled.extensions.reason).toBe('MFA_REQUIRED');

      const second = await registerUser(app);
      const member = await registerUser(app);
      await addOrganizationMember(app, first, organization, second, 'ADMIN', mailbox);
      await addOrganizationMember(app, first, organization, member, 'MEMBER', mailbox);
      const asker = await verifyEmail(app, await registerUser(app, { domain }), mailbox);
      const joinRequestId = ok(await app.graphql(REQUEST_TO_JOIN, { input: { organizationId: organization.id } }, { token: asker.token })).requestToJoinOrganization.id;

      const secret = ok(await app.graphql(ENROL, {}, { token: first.token })).enrollMfa.secret;
      ok(await app.graphql(CONFIRM, { input: { password: PASSWORD, code: await codeAt(secret) } }, { token: first.token }));
      expect(ok(await app.graphql(SET_REQUIREMENT, turnOn, { token: first.token })).setOrganizationMfaRequirement).toEqual({ id: organization.id, mfaRequired: true });

      // The unenrolled admin: every admin action, whichever way it decides admin rights, names the reason.
      const rename = { input: { organizationId: organization.id, name: { fr: 'Nouveau nom', en: 'New name' } } };
      const actions = [
        app.graphql(UPDATE_ORGANIZATION, rename, { token: second.token }),
        app.graphql(INVITE, { input: { organizationId: organization.id, email: `someone-${Date.now()}@example.gc.ca`, role: 'MEMBER' } }, { token: second.token }),
        app.graphql(CHANGE_ROLE, { input: { organizationId: organization.id, userId: member.id, role: 'ADMIN' } }, { token: second.token }),
        app.graphql(SET_REQUIREMENT, { input: { organizationId: organization.id, required: false } }, { token: second.token }),
        app.graphql(DECIDE, { input: { joinRequestId, approve: false } }, { token: second.token }),
      ];
      for (const response of await Promise.all(actions)) {
        const error = refused(response, 'PRECONDITION_FAILED');
        expect(error.extensions.reason).toBe('MFA_REQUIRED');
        expect(error.extensions.reasons).toEqual(['MFA is required: enrol with enrollMfa and confirmMfa before acting as an admin of this organization']);
      }
      // Members are not admins: reading what members read goes on.
      expect(ok(await app.graphql(MEMBERS, { slug: organization.slug }, { token: member.token })).organization).toEqual({ mfaRequired: true, members: { totalCount: 3 } });
      // A member is still refused admin actions as before: FORBIDDEN, not a hint to enrol.
      refused(await app.graphql(UPDATE_ORGANIZATION, rename, { token: member.token }), 'FORBIDDEN');
      ok(await app.graphql(UPDATE_ORGANIZATION, rename, { token: first.token }));

      const secondSecret = ok(await app.graphql(ENROL, {}, { token: second.token })).enrollMfa.secret;
      ok(await app.graphql(CONFIRM, { input: { password: PASSWORD, code: await codeAt(secondSecret) } }, { token: second.token }));
      ok(await app.graphql(UPDATE_ORGANIZATION, rename, { token: second.token }));
      expect(ok(await app.graphql(DECIDE, { input: { joinRequestId, approve: false } }, { token: second.token })).decideJoinRequest.status).toBe('REJECTED');
      expect(ok(await app.graphql(CHANGE_ROLE, { input: { organizationId: organization.id, userId: member.id, role: 'ADMIN' } }, { token: second.token })).changeOrganizationRole.role).toBe('ADMIN');
      expect(ok(await app.graphql(SET_REQUIREMENT, { input: { organizationId: organization.id, required: false } }, { token: second.token })).setOrganizationMfaRequirement.mfaRequired).toBe(false);
      // No longer required: the new admin, not enrolled, acts as admin.
      ok(await app.graphql(UPDATE_ORGANIZATION, rename, { token: member.token }));
    });
  });

  describe('the session that passed the second factor', () => {
    const rename = (organizationId: string) => ({ input: { organizationId, name: { fr: 'Nouveau nom', en: 'New name' } } });
    const passwordSession = async (user: TestUser) => ok(await login(user)).login as { accessToken: string; refreshToken: string };

    const requiringOrganization = () => organizationRequiringMfa(app, mailbox);

    it('does not turn a session opened with the password before enrolment into an admin one: enrolling ends it', async () => {
      const { organization, second } = await requiringOrganization();
      // Whoever else holds the password signed in before the owner enrolled.
      const stale = await passwordSession(second);
      refused(await app.graphql(UPDATE_ORGANIZATION, rename(organization.id), { token: stale.accessToken }), 'PRECONDITION_FAILED');
      const secret = ok(await app.graphql(ENROL, {}, { token: second.token })).enrollMfa.secret;
      ok(await app.graphql(CONFIRM, { input: { password: PASSWORD, code: await codeAt(secret) } }, { token: second.token }));
      // The confirming session passed the second factor; the other one is over, refresh token included.
      ok(await app.graphql(UPDATE_ORGANIZATION, rename(organization.id), { token: second.token }));
      refused(await app.graphql(UPDATE_ORGANIZATION, rename(organization.id), { token: stale.accessToken }), 'UNAUTHENTICATED');
      refused(await app.graphql(REFRESH, { input: { refreshToken: stale.refreshToken } }), 'UNAUTHENTICATED');
    });

    it('refuses admin actions to a session of an enrolled account that did not pass the second factor, until one passes verifyMfa; refreshing keeps it', async () => {
      const { organization, second } = await requiringOrganization();
      const secret = ok(await app.graphql(ENROL, {}, { token: second.token })).enrollMfa.secret;
      ok(await app.graphql(CONFIRM, { input: { password: PASSWORD, code: await codeAt(secret, -1) } }, { token: second.token }));
      // A session from before sessions recorded the second factor: the account is enrolled, the session is not.
      await app.dataSource.query(`UPDATE auth_session SET second_factor_at = NULL WHERE user_id = $1`, [second.id]);
      const error = refused(await app.graphql(UPDATE_ORGANIZATION, rename(organization.id), { token: second.token }), 'PRECONDITION_FAILED');
      expect(error.extensions.reason).toBe('MFA_REQUIRED');
      // Refreshing continues the same session: still refused.
      const refreshed = ok(await app.graphql(REFRESH, { input: { refreshToken: second.refreshToken } })).refreshSession;
      expect(refused(await app.graphql(UPDATE_ORGANIZATION, rename(organization.id), { token: refreshed.accessToken }), 'PRECONDITION_FAILED').extensions.reason).toBe('MFA_REQUIRED');
      // Reading as a member goes on.
      expect(ok(await app.graphql(MEMBERS, { slug: organization.slug }, { token: refreshed.accessToken })).organization.mfaRequired).toBe(true);

      const verified = ok(await verify({ challenge: await challengeOf(second), code: await codeAt(secret) })).verifyMfa;
      ok(await app.graphql(UPDATE_ORGANIZATION, rename(organization.id), { token: verified.accessToken }));
      const next = ok(await app.graphql(REFRESH, { input: { refreshToken: verified.refreshToken } })).refreshSession;
      ok(await app.graphql(UPDATE_ORGANIZATION, rename(organization.id), { token: next.accessToken }));
      ok(await app.graphql(SET_REQUIREMENT, { input: { organizationId: organization.id, required: true } }, { token: next.accessToken }));
      // The unverified session stays refused, even to require what the account has.
      expect(refused(await app.graphql(SET_REQUIREMENT, { input: { organizationId: organization.id, required: true } }, { token: refreshed.accessToken }), 'PRECONDITION_FAILED').extensions.reason).toBe('MFA_REQUIRED');
    });

    it("ends the account's other sessions on disabling MFA, not the one that did it", async () => {
      const user = await enrolled();
      const other = ok(await verify({ challenge: await challengeOf(user), code: await codeAt(user.secret) })).verifyMfa;
      ok(await app.graphql(ME, {}, { token: other.accessToken }));
      ok(await app.graphql(DISABLE, { input: { code: await codeAt(user.secret, 1) } }, { token: user.token }));
      refused(await app.graphql(ME, {}, { token: other.accessToken }), 'UNAUTHENTICATED');
      refused(await app.graphql(REFRESH, { input: { refreshToken: other.refreshToken } }), 'UNAUTHENTICATED');
      expect(ok(await app.graphql(ME, {}, { token: user.token })).me.mfaEnabled).toBe(false);
    });
  });

  describe('telling the owner', () => {
    const auditOf = (user: TestUser) =>
      app.dataSource.query(
        `SELECT action, actor_id, resource_type, resource_id, workspace_id, organization_id, details FROM audit_event WHERE resource_id = $1 ORDER BY created_at, action`,
        [user.id],
      );

    it('mails the account, in its language, and audits MFA turned on, a recovery code used and MFA turned off; a refused attempt tells nothing', async () => {
      for (const language of ['fr', 'en'] as const) {
        const user = await registerUser(app, { preferredLanguage: language });
        const secret = ok(await app.graphql(ENROL, {}, { token: user.token })).enrollMfa.secret;
        const { recoveryCodes } = ok(await app.graphql(CONFIRM, { input: { password: PASSWORD, code: await codeAt(secret, -1) } }, { token: user.token })).confirmMfa;
        const enabledMail = await mailbox.next({ to: user.email, subject: language === 'fr' ? 'La validation en deux étapes est activée' : 'Two-step verification is now on' });
        expect(enabledMail.text).toContain(user.email);
        expect(enabledMail.text).toContain('/account/reset-password');

        ok(await verify({ challenge: await challengeOf(user), recoveryCode: recoveryCodes[0] }));
        const recoveryMail = await mailbox.next({ to: user.email, subject: language === 'fr' ? 'Un code de récupération a été utilisé' : 'A recovery code was used' });
        expect(recoveryMail.text).toContain(language === 'fr' ? 'il vous en reste 9' : '9 remain');

        // Refused: neither a mail nor an audit event.
        refused(await app.graphql(DISABLE, { input: { code: await wrongCode(secret) } }, { token: user.token }), 'BAD_USER_INPUT');
        ok(await app.graphql(DISABLE, { input: { code: await codeAt(secret) } }, { token: user.token }));
        const disabledMail = await mailbox.next({ to: user.email, subject: language === 'fr' ? 'La validation en deux étapes est désactivée' : 'Two-step verification is now off' });
        expect(disabledMail.html).toContain(user.email);

        // An account belongs to no workspace or organization: the events are the person's own.
        const own = { actor_id: user.id, resource_type: 'user', resource_id: user.id, workspace_id: null, organization_id: null };
        expect(await auditOf(user)).toEqual([
          { ...own, action: 'mfa.enabled', details: {} },
          { ...own, action: 'mfa.recovery_code_used', details: { remaining: 9 } },
          { ...own, action: 'mfa.disabled', details: { with: 'code' } },
        ]);
        const security = mailbox.messagesTo(user.email).filter((mail) => !/Confirm your e-mail address|Confirmez votre adresse courriel/.test(mail.subject));
        expect(security.map((mail) => mail.subject)).toEqual([enabledMail.subject, recoveryMail.subject, disabledMail.subject]);
      }
    });
  });

  describe('disabling', () => {
    it('takes a right code; afterwards signing in takes the password only again', async () => {
      const user = await enrolled();
      const wrong = refused(await app.graphql(DISABLE, { input: { code: await wrongCode(user.secret) } }, { token: user.token }), 'BAD_USER_INPUT');
      expect(wrong.extensions.fields).toEqual([{ field: 'code', message: 'is wrong or was already used' }]);
      expect(ok(await app.graphql(DISABLE, { input: { code: await codeAt(user.secret) } }, { token: user.token })).disableMfa).toBe(true);
      expect(ok(await app.graphql(ME, {}, { token: user.token })).me).toEqual({ id: user.id, mfaEnabled: false, mfaRecoveryCodesRemaining: 0 });
      expect(ok(await login(user)).login).toEqual(expect.objectContaining({ mfaRequired: false, accessToken: expect.any(String) }));
      expect(await app.dataSource.query(`SELECT 1 FROM mfa_recovery_code WHERE user_id = $1`, [user.id])).toEqual([]);
    });

    it('takes a recovery code instead, for an authenticator app that is lost', async () => {
      const user = await enrolled();
      ok(await app.graphql(DISABLE, { input: { recoveryCode: user.recoveryCodes[0] } }, { token: user.token }));
      expect(ok(await app.graphql(ME, {}, { token: user.token })).me.mfaEnabled).toBe(false);
    });
  });
});

describe('the MFA encryption key', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'a production secret of at least 32 characters', PUBLIC_URL: 'https://tandem.example.ca', TANDEM_DATA_DIR: 'memory://' };

  it('is required in production, and defaults elsewhere', () => {
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow(/MFA_ENCRYPTION_KEY: required when NODE_ENV=production/);
    expect(loadConfig({ ...production, MFA_ENCRYPTION_KEY: 'a production MFA key of at least 32 characters' }).MFA_ENCRYPTION_KEY).toBeDefined();
    expect(loadConfig({ TANDEM_DATA_DIR: 'memory://' }).MFA_ENCRYPTION_KEY).toBeUndefined();
    expect(() => loadConfig({ TANDEM_DATA_DIR: 'memory://', MFA_ENCRYPTION_KEY: 'too short' })).toThrow(/MFA_ENCRYPTION_KEY/);
  });
});
