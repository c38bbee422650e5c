import { randomUUID } from 'node:crypto';
import { createOrganization, registerUser, TestUser, verifyEmail } from './support/factories';
import { eventually } from './support/eventually';
import { describeApp, ok, refused } from './support/harness';

const ME = `{ me { id displayName } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;
const KEPT_DAYS = 30;

/**
 * What has ended is deleted once EXPIRED_RECORDS_KEPT_DAYS have passed, by every process's own
 * periodic task (here every 100 ms): sessions, refresh tokens, account links, MFA challenges,
 * sign-in counts, finished mail and organization invitations. Rows are aged in SQL, as the calendar would age them.
 */
describeApp('records retention', { env: { RECORDS_PRUNE_INTERVAL_MS: '100', EXPIRED_RECORDS_KEPT_DAYS: String(KEPT_DAYS) } }, ({ app }) => {
  const sql = (query: string, params: unknown[] = []) => app.dataSource.query(query, params);
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  const exists = async (table: string, where: string, params: unknown[]) => (await sql(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0].n > 0;

  it('deletes the sessions and refresh tokens that ended more than the kept days ago, and none still usable', async () => {
    const [revokedLongAgo, expiredLongAgo, revokedLately, active] = await Promise.all([registerUser(app), registerUser(app), registerUser(app), registerUser(app)]);
    const age = (user: TestUser, revokedAt: Date | null, refreshExpiresAt: Date) =>
      sql(
        `WITH aged AS (UPDATE auth_session SET created_at = $2, revoked_at = $3 WHERE user_id = $1 RETURNING id)
         UPDATE refresh_token SET expires_at = $4 WHERE session_id IN (SELECT id FROM aged)`,
        [user.id, daysAgo(KEPT_DAYS + 30), revokedAt, refreshExpiresAt],
      );
    await age(revokedLongAgo, daysAgo(KEPT_DAYS + 1), daysAgo(KEPT_DAYS + 20));
    await age(expiredLongAgo, null, daysAgo(KEPT_DAYS + 1));
    await age(revokedLately, daysAgo(KEPT_DAYS - 1), daysAgo(KEPT_DAYS - 2));
    // An old session still refreshed: its first refresh token expired long ago, its latest keeps it (one statement, so no prune runs in between).
    await sql(
      `WITH aged AS (UPDATE auth_session SET created_at = $2 WHERE user_id = $1 RETURNING id),
            expired AS (UPDATE refresh_token SET expires_at = $3 WHERE session_id IN (SELECT id FROM aged))
       INSERT INTO refresh_token (session_id, token_hash, expires_at) SELECT id, $4, now() + interval '1 day' FROM aged`,
      [active.id, daysAgo(KEPT_DAYS + 30), daysAgo(KEPT_DAYS + 1), randomUUID()],
    );

    const sessionOf = (user: TestUser) => exists('auth_session', 'user_id = $1', [user.id]);
    const expiredTokenOf = (user: TestUser) => exists('refresh_token', 'session_id IN (SELECT id FROM auth_session WHERE user_id = $1) AND expires_at < now()', [user.id]);
    await eventually(
      async () => !(await sessionOf(revokedLongAgo)) && !(await sessionOf(expiredLongAgo)) && !(await expiredTokenOf(active)),
      'deleted the sessions and the refresh tokens that ended long ago',
    );
    expect(await sessionOf(revokedLately)).toBe(true);
    expect(await sessionOf(active)).toBe(true);
    expect(await exists('refresh_token', 'session_id IN (SELECT id FROM auth_session WHERE user_id = $1)', [active.id])).toBe(true);
    expect(ok(await app.graphql(ME, {}, { token: active.token })).me.id).toBe(active.id);
    refused(await app.graphql(ME, {}, { token: expiredLongAgo.token }), 'UNAUTHENTICATED');
  });

  it('deletes account links, MFA challenges and sign-in counts that ended long ago, and keeps the recent ones', async () => {
    const user = await registerUser(app);
    // A link used long ago, one replaced long ago, and one still open.
    const link = (hash: string, expiresAt: Date, usedAt: Date | null, revokedAt: Date | null) =>
      sql(`INSERT INTO account_token (user_id, purpose, email, token_hash, expires_at, used_at, revoked_at) VALUES ($1, 'RESET_PASSWORD', $2, $3, $4, $5, $6)`, [user.id, user.email, hash, expiresAt, usedAt, revokedAt]);
    const [usedLink, replacedLink, openLink] = [randomUUID(), randomUUID(), randomUUID()];
    await link(usedLink, daysAgo(KEPT_DAYS - 5), daysAgo(KEPT_DAYS + 1), null);
    await link(replacedLink, daysAgo(KEPT_DAYS - 5), null, daysAgo(KEPT_DAYS + 1));
    await link(openLink, daysAgo(-1), null, null);
    const [oldChallenge, newChallenge] = [randomUUID(), randomUUID()];
    await sql(`INSERT INTO mfa_challenge (user_id, token_hash, expires_at) VALUES ($1, $2, $3), ($1, $4, now() + interval '5 minutes')`, [user.id, oldChallenge, daysAgo(KEPT_DAYS + 1), newChallenge]);
    const idleKey = `account:idle-${randomUUID()}@example.ca`;
    await sql(`INSERT INTO login_throttle (key, failures, window_started_at, locked_until) VALUES ($1, 3, $2, $2)`, [idleKey, daysAgo(KEPT_DAYS + 1)]);
    refused(await app.graphql(LOGIN, { input: { email: user.email, password: 'not the password at all' } }), 'UNAUTHENTICATED');

    await eventually(async () => !(await exists('mfa_challenge', 'token_hash = $1', [oldChallenge])), 'deleted the old challenge');
    await eventually(async () => !(await exists('account_token', 'token_hash = ANY($1)', [[usedLink, replacedLink]])), 'deleted the used and replaced links');
    await eventually(async () => !(await exists('login_throttle', 'key = $1', [idleKey])), 'deleted the idle count');
    expect(await exists('account_token', 'token_hash = $1', [openLink])).toBe(true);
    expect(await exists('mfa_challenge', 'token_hash = $1', [newChallenge])).toBe(true);
    expect(await exists('login_throttle', 'key = $1', [`account:${user.email}`])).toBe(true);
  });

  it('deletes organization invitations accepted or expired long ago, keeps the others, and an open one can still be accepted', async () => {
    const admin = await registerUser(app);
    const organization = await createOrganization(app, admin);
    const [joinedLongAgo, expiredLongAgo, expiredLately, invited] = await Promise.all([registerUser(app), registerUser(app), registerUser(app), registerUser(app)]);
    const invite = async (user: TestUser): Promise<{ id: string; token: string }> =>
      ok(
        await app.graphql(`mutation($input: InviteToOrganizationInput!) { inviteToOrganization(input: $input) { id token } }`, {
          input: { organizationId: organization.id, email: user.email, role: 'MEMBER' },
        }, { token: admin.token }),
      ).inviteToOrganization;
    const accept = async (user: TestUser, token: string) =>
      app.graphql(`mutation($input: AcceptOrganizationInvitationInput!) { acceptOrganizationInvitation(input: $input) { role } }`, { input: { token } }, { token: user.token });
    const [joined, expired, lately, open] = [await invite(joinedLongAgo), await invite(expiredLongAgo), await invite(expiredLately), await invite(invited)];
    await verifyEmail(app, joinedLongAgo);
    ok(await accept(joinedLongAgo, joined.token));
    await sql(`UPDATE organization_invitation SET accepted_at = $2 WHERE id = $1`, [joined.id, daysAgo(KEPT_DAYS + 1)]);
    await sql(`UPDATE organization_invitation SET expires_at = $2 WHERE id = $1`, [expired.id, daysAgo(KEPT_DAYS + 1)]);
    await sql(`UPDATE organization_invitation SET expires_at = $2 WHERE id = $1`, [lately.id, daysAgo(KEPT_DAYS - 1)]);

    const invitation = (id: string) => exists('organization_invitation', 'id = $1', [id]);
    await eventually(async () => !(await invitation(joined.id)) && !(await invitation(expired.id)), 'deleted the invitations that ended long ago');
    expect(await invitation(lately.id)).toBe(true);
    expect(await invitation(open.id)).toBe(true);
    expect(await exists('organization_membership', 'organization_id = $1 AND user_id = $2', [organization.id, joinedLongAgo.id])).toBe(true);
    await verifyEmail(app, invited);
    expect(ok(await accept(invited, open.token)).acceptOrganizationInvitation.role).toBe('MEMBER');
  });

  it('deletes sent, failed and cancelled mail queued long ago, and never mail still to send', async () => {
    const user = await registerUser(app);
    const message = (state: string, createdAt: Date) =>
      sql(
        `INSERT INTO outbound_message (user_id, address, language, template, params, idempotency_key, message_id, state, created_at)
         VALUES ($1, $2, 'en', 'account.verify-email', '{}', $3, $4, $5::outbound_message_state, $6)`,
        [user.id, user.email, `retention-${randomUUID()}`, `<${randomUUID()}@tandem.localhost>`, state, createdAt],
      );
    for (const state of ['sent', 'failed', 'cancelled', 'queued', 'sending']) await message(state, daysAgo(KEPT_DAYS + 1));
    await message('sent', daysAgo(KEPT_DAYS - 1));
    const states = async (): Promise<string[]> =>
      (await sql(`SELECT state FROM outbound_message WHERE user_id = $1 AND template = 'account.verify-email' ORDER BY state`, [user.id])).map((row: { state: string }) => row.state);
    await eventually(async () => (await states()).length === 3, 'deleted the finished mail');
    expect(await states()).toEqual(['queued', 'sending', 'sent']);
    expect(await exists('outbound_message', `user_id = $1 AND state = 'sent' AND created_at > $2`, [user.id, daysAgo(KEPT_DAYS)])).toBe(true);
  });
});
