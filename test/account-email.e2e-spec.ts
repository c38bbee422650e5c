import { randomBytes } from 'node:crypto';
import { createOrganization, PASSWORD, registerUser, TestUser, verificationToken, verifyEmail } from './support/factories';
import { describeApp, GraphQLResponse, ok, refused } from './support/harness';
import { ReceivedMail, useMailbox } from './support/mailbox';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } } }`;
const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken } }`;
const ME = `{ me { id email emailVerified } }`;
const VERIFY = `mutation($input: VerifyEmailInput!) { verifyEmail(input: $input) { id email emailVerified } }`;
const RESEND = `mutation { resendEmailVerification }`;
const CHANGE_EMAIL = `mutation($input: ChangeEmailInput!) { changeEmail(input: $input) }`;
const REQUEST_RESET = `mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`;
const RESET = `mutation($input: ResetPasswordInput!) { resetPassword(input: $input) }`;
const REQUEST_TO_JOIN = `mutation($input: OrganizationIdInput!) { requestToJoinOrganization(input: $input) { id status } }`;
const DECIDE = `mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { status } }`;
const INVITE = `mutation($input: InviteToOrganizationInput!) { inviteToOrganization(input: $input) { token } }`;
const ACCEPT = `mutation($input: AcceptOrganizationInvitationInput!) { acceptOrganizationInvitation(input: $input) { role } }`;

const VERIFY_SUBJECT = /Confirm your e-mail address|Confirmez votre adresse courriel/;
const RESET_SUBJECT = /Reset your password|Réinitialisez votre mot de passe/;
const NEW_PASSWORD = 'a brand new passphrase';

const uniqueEmail = (label: string, domain = 'example.ca') => `${label}-${randomBytes(4).toString('hex')}@${domain}`;

/** The token of the link to `page` in a message, as a person clicking it would send it. */
function linkToken(mail: ReceivedMail, page: 'verify-email' | 'reset-password'): string {
  const url = new RegExp(`https?://\\S+/account/${page}\\?token=[\\w-]+`).exec(mail.text);
  expect(url).not.toBeNull();
  expect(mail.html).toContain(url![0]);
  return new URL(url![0]).searchParams.get('token')!;
}

const mailbox = useMailbox();

describeApp('account e-mail', { env: () => mailbox.env }, ({ app }) => {
  const register = (email: string, password = PASSWORD, preferredLanguage: 'fr' | 'en' = 'en') =>
    app.graphql(REGISTER, { input: { email, password, displayName: 'Camille Roy', preferredLanguage } });
  const login = (email: string, password = PASSWORD) => app.graphql(LOGIN, { input: { email, password } });
  const me = (user: { token: string }) => app.graphql(ME, {}, { token: user.token });
  const verify = (token: string, user: { token: string }) => app.graphql(VERIFY, { input: { token } }, { token: user.token });
  /** Registers and signs in; the verification link is left in the mailbox. */
  const signUp = async (email: string, preferredLanguage: 'fr' | 'en' = 'en'): Promise<TestUser> => {
    ok(await register(email, PASSWORD, preferredLanguage));
    const session = ok(await login(email)).login;
    return { id: session.user.id, email, token: session.accessToken, refreshToken: session.refreshToken };
  };

  describe('verified addresses', () => {
    it('mails a link on registering; the account signs in unverified, and the link verifies it once', async () => {
      const email = uniqueEmail('camille');
      const person = await signUp(email, 'fr');
      expect(ok(await me(person)).me).toEqual({ id: person.id, email, emailVerified: false });

      const mail = await mailbox.next({ to: email, subject: VERIFY_SUBJECT });
      // In the person's language, with a plain-text part and an HTML part carrying the same link.
      expect(mail.subject).toBe('Confirmez votre adresse courriel');
      const token = linkToken(mail, 'verify-email');
      // Only a hash is stored.
      const stored: { token_hash: string }[] = await app.dataSource.query(`SELECT token_hash FROM account_token WHERE user_id = $1`, [person.id]);
      expect(stored).toHaveLength(1);
      expect(stored[0].token_hash).not.toContain(token);

      expect(ok(await verify(token, person)).verifyEmail).toEqual({ id: person.id, email, emailVerified: true });
      expect(ok(await me(person)).me.emailVerified).toBe(true);
      const reused = refused(await verify(token, person), 'PRECONDITION_FAILED');
      // In French, the person's language.
      expect(reused.extensions.reasons).toEqual(['Ce lien a déjà servi']);
    });

    it('refuses an expired link, a replaced one, one sent for another account, a reset link and a made-up one', async () => {
      const email = uniqueEmail('expiring');
      const person = await signUp(email);
      const first = linkToken(await mailbox.next({ to: email, subject: VERIFY_SUBJECT }), 'verify-email');
      await app.dataSource.query(`UPDATE account_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [person.id]);
      expect(refused(await verify(first, person), 'PRECONDITION_FAILED').extensions.reasons).toEqual(['This link has expired']);

      // A new link replaces the old one, which stays refused.
      expect(ok(await app.graphql(RESEND, {}, { token: person.token })).resendEmailVerification).toBe(true);
      const second = linkToken(await mailbox.next({ to: email, subject: VERIFY_SUBJECT }), 'verify-email');
      expect(refused(await verify(first, person), 'PRECONDITION_FAILED').extensions.reasons).toEqual(['A newer link replaced this one', 'This link has expired']);

      // Someone else's link, even signed in and valid, is not theirs to use.
      const stranger = await signUp(uniqueEmail('stranger'));
      refused(await verify(second, stranger), 'FORBIDDEN');
      expect(ok(await me(stranger)).me.emailVerified).toBe(false);

      // A password-reset link is no verification link, and a made-up token is nothing.
      ok(await app.graphql(REQUEST_RESET, { input: { email } }));
      const reset = linkToken(await mailbox.next({ to: email, subject: RESET_SUBJECT }), 'reset-password');
      refused(await verify(reset, person), 'NOT_FOUND');
      refused(await verify('made-up-token', person), 'NOT_FOUND');

      ok(await verify(second, person));
      expect(ok(await app.graphql(RESEND, {}, { token: person.token })).resendEmailVerification).toBe(false);
    });

    it('keep an unverified account from joining by domain, from accepting an invitation, and from being approved once its address left the domain', async () => {
      const admin = await verifyEmail(app, await registerUser(app, { domain: 'verif.example.ca' }), mailbox);
      const organization = await createOrganization(app, admin, { emailDomains: ['verif.example.ca'] });
      const join = (user: TestUser) => app.graphql(REQUEST_TO_JOIN, { input: { organizationId: organization.id } }, { token: user.token });

      const colleague = await signUp(uniqueEmail('colleague', 'verif.example.ca'));
      const unverified = refused(await join(colleague), 'PRECONDITION_FAILED');
      expect(unverified.extensions).toMatchObject({ reason: 'EMAIL_NOT_VERIFIED', reasons: ['The e-mail address is not verified yet'] });
      const invitation = ok(await app.graphql(INVITE, { input: { organizationId: organization.id, email: colleague.email, role: 'MEMBER' } }, { token: admin.token }));
      const accept = () => app.graphql(ACCEPT, { input: { token: invitation.inviteToOrganization.token } }, { token: colleague.token });
      expect(refused(await accept(), 'PRECONDITION_FAILED').extensions.reason).toBe('EMAIL_NOT_VERIFIED');

      await verifyEmail(app, colleague, mailbox);
      const pending = ok(await join(colleague)).requestToJoinOrganization;
      expect(pending.status).toBe('PENDING');

      // The address leaves the domain before an admin decides: the request no longer counts.
      const elsewhere = uniqueEmail('moved', 'elsewhere.example.ca');
      ok(await app.graphql(CHANGE_EMAIL, { input: { email: elsewhere, password: PASSWORD } }, { token: colleague.token }));
      ok(await verify(linkToken(await mailbox.next({ to: elsewhere, subject: VERIFY_SUBJECT }), 'verify-email'), colleague));
      const approval = refused(await app.graphql(DECIDE, { input: { joinRequestId: pending.id, approve: true } }, { token: admin.token }), 'PRECONDITION_FAILED');
      expect(approval.extensions.reasons).toEqual(["The e-mail address is not in one of the organization's domains"]);
    });

    it('throttle wrong passwords given to changeEmail as failed sign-ins are, without locking sign-in', async () => {
      const email = uniqueEmail('guessed');
      const person = await verifyEmail(app, await signUp(email), mailbox);
      const change = (password: string) =>
        app.graphql(CHANGE_EMAIL, { input: { email: uniqueEmail(`taker-${password.length}`), password } }, { token: person.token, headers: { 'x-forwarded-for': '203.0.113.77' } });
      for (const guess of ['guess one', 'guess two!', 'guess three', 'guess four!!', 'guess five!!!']) refused(await change(guess), 'BAD_USER_INPUT');
      refused(await change(PASSWORD), 'RATE_LIMITED');
      ok(await login(email));
    });

    it('change an address only once the new one is confirmed: the old one stays, and hears of it', async () => {
      const email = uniqueEmail('before');
      const person = await verifyEmail(app, await signUp(email), mailbox);
      const newEmail = uniqueEmail('after');
      const change = (input: Record<string, unknown>) => app.graphql(CHANGE_EMAIL, { input: { password: PASSWORD, ...input } }, { token: person.token });

      expect(refused(await change({ email: newEmail, password: 'not my password at all' }), 'BAD_USER_INPUT').extensions.fields).toEqual([
        { field: 'password', message: 'is not your current password' },
      ]);
      expect(refused(await change({ email: email.toUpperCase() }), 'BAD_USER_INPUT').extensions.fields).toEqual([{ field: 'email', message: 'is already your address' }]);
      expect(ok(await change({ email: newEmail })).changeEmail).toBe(true);
      const notice = await mailbox.next({ to: email, subject: 'Your e-mail address is being changed' });
      expect(notice.text).toContain(newEmail);
      // Until confirmed, the account keeps its verified address: signing in and joining go on as before.
      expect(ok(await me(person)).me).toEqual({ id: person.id, email, emailVerified: true });
      ok(await login(email));

      const token = linkToken(await mailbox.next({ to: newEmail, subject: VERIFY_SUBJECT }), 'verify-email');
      expect(ok(await verify(token, person)).verifyEmail).toEqual({ id: person.id, email: newEmail, emailVerified: true });
      refused(await login(email), 'UNAUTHENTICATED');
      ok(await login(newEmail));
    });

    it('refuse a confirmation once another account took the address in the meantime', async () => {
      const person = await signUp(uniqueEmail('slow'));
      const wanted = uniqueEmail('wanted');
      ok(await app.graphql(CHANGE_EMAIL, { input: { email: wanted, password: PASSWORD } }, { token: person.token }));
      const token = linkToken(await mailbox.next({ to: wanted, subject: VERIFY_SUBJECT }), 'verify-email');
      await signUp(wanted);
      refused(await verify(token, person), 'CONFLICT');
      expect(ok(await me(person)).me.email).toBe(person.email);
    });

    it('answer a change to a taken address like any other, and tell that address’s owner instead', async () => {
      const owner = await signUp(uniqueEmail('owner'));
      const person = await signUp(uniqueEmail('chooser'));
      const free = ok(await app.graphql(CHANGE_EMAIL, { input: { email: uniqueEmail('free'), password: PASSWORD } }, { token: person.token }));
      const taken = ok(await app.graphql(CHANGE_EMAIL, { input: { email: owner.email, password: PASSWORD } }, { token: person.token }));
      expect(taken).toEqual(free);
      await mailbox.next({ to: owner.email, subject: 'Someone tried to register with your address' });
      // Both changes were announced to the person's own address alike.
      await mailbox.next({ to: person.email, subject: 'Your e-mail address is being changed' });
      await mailbox.next({ to: person.email, subject: 'Your e-mail address is being changed' });
      // The owner got no link to give their address away.
      await mailbox.next({ to: owner.email, subject: VERIFY_SUBJECT });
      expect(mailbox.messagesTo(owner.email)).toHaveLength(2);
    });
  });

  describe('registering', () => {
    it('answers the same whether or not the address is taken, and mails its owner instead', async () => {
      const email = uniqueEmail('taken');
      const fresh = await register(email, PASSWORD, 'fr');
      await mailbox.next({ to: email, subject: VERIFY_SUBJECT });
      const again = await register(email.toUpperCase(), 'an intruder passphrase');
      const shape = (response: GraphQLResponse) => ({ status: response.status, data: response.data, errors: response.errors });
      expect(shape(again)).toEqual(shape(fresh));
      expect(fresh.data).toEqual({ register: true });

      // The owner hears of it, in their language; no second verification link, and the account is untouched.
      const notice = await mailbox.next({ to: email, subject: /Quelqu'un a tenté de créer un compte avec votre adresse/ });
      expect(notice.text).toContain('/account/reset-password');
      expect(mailbox.messagesTo(email)).toHaveLength(2);
      ok(await login(email));
      refused(await login(email, 'an intruder passphrase'), 'UNAUTHENTICATED');
    });
  });

  describe('password reset', () => {
    it('answers the same for an unknown address, mails a known one, and works once, ending every session', async () => {
      const email = uniqueEmail('forgetful');
      const person = await signUp(email);
      const otherSession = ok(await login(email)).login;
      const known = await app.graphql(REQUEST_RESET, { input: { email } });
      const unknown = await app.graphql(REQUEST_RESET, { input: { email: uniqueEmail('nobody') } });
      expect(unknown).toEqual(known);
      expect(known.data).toEqual({ requestPasswordReset: true });

      const mail = await mailbox.next({ to: email, subject: RESET_SUBJECT });
      const token = linkToken(mail, 'reset-password');
      // A verification link is no reset link.
      const verification = await verificationToken(app, email, mailbox);
      refused(await app.graphql(RESET, { input: { token: verification, newPassword: NEW_PASSWORD } }), 'NOT_FOUND');
      // The new password meets the policy like any other.
      refused(await app.graphql(RESET, { input: { token, newPassword: 'short' } }), 'BAD_USER_INPUT');

      expect(ok(await app.graphql(RESET, { input: { token, newPassword: NEW_PASSWORD } })).resetPassword).toBe(true);
      // Every session ended: access tokens and refresh tokens alike.
      refused(await me(person), 'UNAUTHENTICATED');
      refused(await me({ token: otherSession.accessToken }), 'UNAUTHENTICATED');
      refused(await app.graphql(REFRESH, { input: { refreshToken: person.refreshToken } }), 'UNAUTHENTICATED');
      // Each ended session is on the activity stream, which closes its live connections.
      const ended = await app.dataSource.query(`SELECT resource_id FROM activity_event WHERE kind = 'session.ended' AND recipient_id = $1 AND payload->>'reason' = 'password reset'`, [person.id]);
      expect(ended).toHaveLength(2);
      refused(await login(email), 'UNAUTHENTICATED');
      const session = ok(await login(email, NEW_PASSWORD)).login;
      // The link came to the address: it is verified now.
      expect(ok(await me({ token: session.accessToken })).me.emailVerified).toBe(true);

      const reused = refused(await app.graphql(RESET, { input: { token, newPassword: 'yet another passphrase' } }), 'PRECONDITION_FAILED');
      expect(reused.extensions.reasons).toEqual(['This link was already used']);
      ok(await login(email, NEW_PASSWORD));
    });

    it('refuses a link past its hour, and one sent before the address changed', async () => {
      const email = uniqueEmail('late');
      const person = await verifyEmail(app, await signUp(email), mailbox);
      ok(await app.graphql(REQUEST_RESET, { input: { email } }));
      const late = linkToken(await mailbox.next({ to: email, subject: RESET_SUBJECT }), 'reset-password');
      const [{ lifetime }] = await app.dataSource.query(
        `SELECT extract(epoch FROM expires_at - created_at) AS lifetime FROM account_token WHERE user_id = $1 AND purpose = 'RESET_PASSWORD'`,
        [person.id],
      );
      expect(Number(lifetime)).toBeCloseTo(3600, 0);
      await app.dataSource.query(`UPDATE account_token SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'RESET_PASSWORD'`, [person.id]);
      const expired = refused(await app.graphql(RESET, { input: { token: late, newPassword: NEW_PASSWORD } }), 'PRECONDITION_FAILED');
      expect(expired.extensions.reasons).toEqual(['This link has expired']);

      ok(await app.graphql(REQUEST_RESET, { input: { email } }));
      const stale = linkToken(await mailbox.next({ to: email, subject: RESET_SUBJECT }), 'reset-password');
      const newEmail = uniqueEmail('moved-on');
      ok(await app.graphql(CHANGE_EMAIL, { input: { email: newEmail, password: PASSWORD } }, { token: person.token }));
      ok(await verify(linkToken(await mailbox.next({ to: newEmail, subject: VERIFY_SUBJECT }), 'verify-email'), person));
      refused(await app.graphql(RESET, { input: { token: stale, newPassword: NEW_PASSWORD } }), 'PRECONDITION_FAILED');
      ok(await login(newEmail));
    });
  });
});

// Its own app: low limits, and client addresses of its own through a trusted proxy.
describeApp(
  'account e-mail throttles',
  { env: () => ({ ...mailbox.env, TRUST_PROXY: 'true', ACCOUNT_MAIL_PER_CLIENT_ADDRESS: '3', ACCOUNT_MAIL_PER_RECIPIENT: '2' }) },
  ({ app }) => {
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    const register = (email: string, address: string) => app.graphql(REGISTER, { input: { email, password: PASSWORD, displayName: 'Throttled' } }, from(address));
    const requestReset = (email: string, address: string) => app.graphql(REQUEST_RESET, { input: { email } }, from(address));

    const expectLocked = (response: GraphQLResponse, atMostSeconds: number) => {
      const error = refused(response, 'RATE_LIMITED');
      expect(error.extensions.retryAfterSeconds).toBeGreaterThan(0);
      expect(error.extensions.retryAfterSeconds).toBeLessThanOrEqual(atMostSeconds);
    };

    it('slows the mails to one address, known or not, from any client, with retryAfterSeconds', async () => {
      const email = uniqueEmail('target');
      ok(await register(email, '198.51.100.1'));
      for (const address of ['198.51.100.2', '198.51.100.3']) ok(await requestReset(email, address));
      // Past the two free ones, each request locks the address, for a minute first.
      expectLocked(await requestReset(email, '198.51.100.4'), 60);
      expectLocked(await register(email, '198.51.100.5'), 60);
      // An address with no account is throttled alike, so the throttle tells nothing either.
      const ghost = uniqueEmail('ghost');
      for (const address of ['198.51.100.6', '198.51.100.7', '198.51.100.8']) ok(await requestReset(ghost, address));
      expectLocked(await requestReset(ghost, '198.51.100.9'), 60);
    });

    it('slows one client asking for many addresses, and no other client', async () => {
      for (let attempt = 0; attempt < 4; attempt++) ok(await register(uniqueEmail(`spree-${attempt}`), '192.0.2.50'));
      expectLocked(await register(uniqueEmail('spree-more'), '192.0.2.50'), 60);
      expectLocked(await requestReset(uniqueEmail('spree-reset'), '192.0.2.50'), 60);
      ok(await register(uniqueEmail('neighbour'), '192.0.2.51'));
    });
  },
);
