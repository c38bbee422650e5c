import { addAuthor, addComment, createArticle, currentRevisionId, publish, review, saveRevision, submit } from './support/articles';
import { assignCoverage, createEvent, respond, updateCoverage } from './support/coverage';
import { eventually } from './support/eventually';
import { addOrganizationMember, createOrganization, registerUser, TestOrganization, TestUser, verifyEmail } from './support/factories';
import { describeApp, ok, refused } from './support/harness';
import { useMailbox } from './support/mailbox';
import { addPartner, addWorkspaceMember, createWorkspace, TestWorkspace, WorkspaceRoleName } from './support/world';
// After the harness, which loads the app's modules in their order.
import { NotificationDigestsService } from '../src/activity';
import { mailDate } from '../src/mail';
import { DigestScheduler } from '../src/notifications';
import { localMoment } from '../src/notifications/local-day';
import { UnsubscribeLinks } from '../src/notifications/unsubscribe-links';

/** The local hour from which digests are due, in this file's app. */
const DIGEST_HOUR = 12;

/** An Etc/GMT zone where it is now about `hour` o'clock: people are moved across the digest hour by their time zone, not by waiting. */
function zoneAt(hour: number): string {
  const offset = ((hour - new Date().getUTCHours() + 36) % 24) - 12;
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}
/** Six hours from the digest hour either way: a test running across an hour changes nothing. */
const BEFORE_DIGEST = zoneAt(DIGEST_HOUR - 6);
const AFTER_DIGEST = zoneAt(DIGEST_HOUR + 6);
/** Today in AFTER_DIGEST, as a digest writes it. */
const digestDay = (language: 'fr' | 'en') => mailDate(new Date(`${localMoment(new Date(), AFTER_DIGEST).day}T00:00:00Z`), language);

const mailbox = useMailbox();

describeApp(
  'notifications people control',
  {
    env: () => ({ ...mailbox.env, NOTIFICATION_SCHEDULER: 'on', NOTIFICATION_DIGEST_HOUR: String(DIGEST_HOUR), NOTIFICATION_SWEEP_MS: '100', COVERAGE_DUE_SOON_MINUTES: '120', MAIL_POLL_MS: '100', MAIL_RETRY_BASE_SECONDS: '1' }),
  },
  ({ app }) => {
    afterEach(() => {
      mailbox.gatekeeper = () => undefined;
    });

    /** A host organization with a partner in one workspace, as support/world.ts builds it, its people verifying their addresses from this mailbox. */
    const world = {} as {
      host: TestOrganization;
      partner: TestOrganization;
      hostAdmin: TestUser;
      partnerAdmin: TestUser;
      workspace: TestWorkspace;
      people: Record<'EDITOR' | 'COORDINATOR' | 'OBSERVER' | 'OUTSIDER', TestUser>;
    };
    /** A verified new member of `organization`, in the workspace with `role`. */
    const member = async (organization: TestOrganization, admin: TestUser, role: WorkspaceRoleName, preferredLanguage: 'fr' | 'en' = 'en') => {
      const user = await verifyEmail(app, await registerUser(app, { preferredLanguage }), mailbox);
      await addOrganizationMember(app, admin, organization, user);
      await addWorkspaceMember(app, world.hostAdmin, world.workspace, user, organization, role);
      return user;
    };
    beforeAll(async () => {
      world.hostAdmin = await registerUser(app, { displayName: 'Kema Joseph' });
      world.partnerAdmin = await registerUser(app, { displayName: 'Patrick Parent' });
      world.host = await createOrganization(app, world.hostAdmin, { name: { fr: 'Bureau de la communauté des communications', en: 'Communications Community Office' } });
      world.partner = await createOrganization(app, world.partnerAdmin, { name: { fr: 'E-Gouv Québec', en: 'E-Gouv Québec' }, jurisdiction: 'PROVINCIAL' });
      world.workspace = await createWorkspace(app, world.hostAdmin, world.host);
      await addPartner(app, world.hostAdmin, world.workspace, world.partner, world.partnerAdmin);
      world.people = {
        EDITOR: await member(world.host, world.hostAdmin, 'EDITOR'),
        COORDINATOR: await member(world.host, world.hostAdmin, 'COORDINATOR'),
        OBSERVER: await member(world.host, world.hostAdmin, 'OBSERVER'),
        OUTSIDER: await registerUser(app),
      };
    }, 120_000);

    const PREFERENCES = `query($workspaceId: ID) { notificationPreferences(workspaceId: $workspaceId) { kind workspaceId delivery source } }`;
    const SET = `mutation($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { kind workspaceId delivery source } }`;

    const preferencesOf = async (user: TestUser, workspaceId?: string) =>
      ok(await app.graphql(PREFERENCES, { workspaceId }, { token: user.token })).notificationPreferences as { kind: string; workspaceId: string | null; delivery: string; source: string }[];
    const preferenceOf = async (user: TestUser, kind: string, workspaceId?: string) => (await preferencesOf(user, workspaceId)).find((preference) => preference.kind === kind);
    const choose = (user: TestUser, kind: string, delivery: string, workspaceId?: string) => app.graphql(SET, { input: { kind, delivery, workspaceId } }, { token: user.token });
    const moveTo = async (user: TestUser, timeZone: string) =>
      ok(await app.graphql(`mutation($input: SetTimeZoneInput!) { setTimeZone(input: $input) }`, { input: { timeZone } }, { token: user.token }));
    const noticesOf = async (user: TestUser) =>
      ok(await app.graphql(`{ notifications(first: 100) { edges { node { kind resourceId delivery } } } }`, {}, { token: user.token })).notifications.edges.map(
        (edge: { node: { kind: string; resourceId: string; delivery: string } }) => edge.node,
      ) as { kind: string; resourceId: string; delivery: string }[];
    /** The notification messages a person received (their organization's invitation aside). */
    const notificationMailsTo = (user: TestUser) => mailbox.messagesTo(user.email).filter((mail) => mail.header('list-unsubscribe')?.includes('/notifications/unsubscribe'));
    const digestsTo = (user: TestUser) => notificationMailsTo(user).filter((mail) => /^(Your Tandem digest|Votre résumé Tandem)/.test(mail.subject));

    /** A new member of the host (or the partner) whose digest is not due yet. */
    const person = async (side: 'host' | 'partner' = 'host', role: 'EDITOR' | 'CONTRIBUTOR' = 'EDITOR', preferredLanguage: 'fr' | 'en' = 'en') => {
      const user = side === 'host' ? await member(world.host, world.hostAdmin, role, preferredLanguage) : await member(world.partner, world.partnerAdmin, role, preferredLanguage);
      await moveTo(user, BEFORE_DIGEST);
      return user;
    };

    /** An article of the workspace led by the host's editor, with text in both languages. */
    const article = async (visibility = 'WORKSPACE') => {
      const id = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id, visibility);
      ok(await saveRevision(app, world.people.EDITOR, id, 'fr', null));
      ok(await saveRevision(app, world.people.EDITOR, id, 'en', null));
      return id;
    };
    const mention = async (articleId: string, ...people: TestUser[]) => {
      const revisionId = await currentRevisionId(app, world.people.EDITOR, articleId);
      const body = `À voir : ${people.map((someone, index) => `@[Personne ${index}](${someone.id})`).join(' ')}`;
      return ok(await addComment(app, world.people.EDITOR, { articleId, revisionId, quote: 'Un texte commun.', body })).addComment.id as string;
    };

    const PLAN = `mutation($input: PlanCoverageInput!) { planCoverage(input: $input) { id } }`;
    /** A coverage of a new event, due `minutes` from now, assigned to `assignee` for the host. */
    const coverageDueIn = async (minutes: number, assignee: TestUser) => {
      const eventId = await createEvent(app, world.people.COORDINATOR, world.workspace.id);
      const dueAt = new Date(Date.now() + minutes * 60_000).toISOString();
      const id = ok(await app.graphql(PLAN, { input: { eventId, channel: 'BLOG_RECAP', dueAt } }, { token: world.people.COORDINATOR.token })).planCoverage.id as string;
      ok(await assignCoverage(app, world.people.COORDINATOR, id, assignee.id, world.host.id));
      return id;
    };

    const post = (url: string, payload = 'List-Unsubscribe=One-Click', contentType = 'application/x-www-form-urlencoded') =>
      app.app.getHttpAdapter().getInstance().inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload });
    /** The one-click body as some mail clients post it (RFC 8058 allows multipart/form-data). */
    const BOUNDARY = 'one-click-boundary';
    const multipartOneClick = [`--${BOUNDARY}`, 'Content-Disposition: form-data; name="List-Unsubscribe"', '', 'One-Click', `--${BOUNDARY}--`, ''].join('\r\n');
    const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
    /** The path and query of a message's List-Unsubscribe link. */
    const unsubscribeLinkOf = (header: string | undefined) => {
      const url = new URL(/^<(.+)>$/.exec(header ?? '')?.[1] ?? 'http://missing/');
      return `${url.pathname}${url.search}`;
    };

    let published: { author: TestUser; assignmentMail: Awaited<ReturnType<typeof mailbox.next>>; digest: Awaited<ReturnType<typeof mailbox.next>> };

    it('by default, mail an assignment at once and keep a published article for the daily digest', async () => {
      const author = await person();
      expect(await preferenceOf(author, 'coverage.assigned')).toEqual({ kind: 'coverage.assigned', workspaceId: null, delivery: 'IMMEDIATE', source: 'DEFAULT' });
      expect(await preferenceOf(author, 'article.review_requested')).toMatchObject({ delivery: 'IMMEDIATE', source: 'DEFAULT' });
      expect(await preferenceOf(author, 'article.published')).toMatchObject({ delivery: 'DAILY', source: 'DEFAULT' });
      expect((await preferencesOf(author)).filter((preference) => preference.delivery === 'IMMEDIATE').map((preference) => preference.kind).sort()).toEqual([
        'article.review_requested',
        'coverage.assigned',
      ]);

      const id = await article();
      ok(await addAuthor(app, world.people.EDITOR, id, author, world.host.id));
      ok(await submit(app, world.people.EDITOR, id));
      ok(await review(app, world.people.COORDINATOR, id, world.host.id));
      ok(await publish(app, world.people.EDITOR, id));
      await coverageDueIn(24 * 60, author);

      const assignmentMail = await mailbox.next({ to: author.email, subject: 'A coverage was assigned to you' });
      expect(assignmentMail.text).toContain('Workspace: Digital watch');
      expect(assignmentMail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(assignmentMail.header('list-unsubscribe')).toMatch(/^<http.+\/notifications\/unsubscribe\?.+signature=/);
      expect(notificationMailsTo(author).map((mail) => mail.subject)).toEqual(['A coverage was assigned to you']);
      expect(await noticesOf(author)).toEqual(
        expect.arrayContaining([
          { kind: 'article.published', resourceId: id, delivery: 'DAILY' },
          { kind: 'article.approval_given', resourceId: id, delivery: 'DAILY' },
          expect.objectContaining({ kind: 'coverage.assigned', delivery: 'IMMEDIATE' }),
        ]),
      );

      // Only the people a notice is addressed to hear of it: being in the workspace subscribes nobody.
      expect((await noticesOf(world.people.OBSERVER)).filter((notice) => notice.resourceId === id)).toEqual([]);

      // Their day reaches the digest hour: the scheduler sends the digest of what waited.
      await moveTo(author, AFTER_DIGEST);
      const digest = await mailbox.next({ to: author.email, subject: 'Your Tandem digest' });
      expect(digest.subject).toBe(`Your Tandem digest for ${digestDay('en')}: 2 notifications`);
      expect(digest.text).toContain(`What awaits you in Tandem, as of ${digestDay('en')}:`);
      expect(digest.text).toContain('Digital watch — An article you write was published');
      expect(digest.text).toContain('Digital watch — An article you write was approved');
      expect(digest.text).not.toContain('A coverage was assigned to you');
      expect(digest.html).toContain('<li>Digital watch — An article you write was published</li>');
      published = { author, assignmentMail, digest };
    });

    it('send one digest a day, and none on a day with nothing new', async () => {
      const { author } = published;
      const later = await person('host', 'EDITOR', 'fr');
      const idle = await person();
      await moveTo(idle, AFTER_DIGEST);
      // New notices for the author after today's digest wait for tomorrow's; `later` is due at once.
      await mention(await article(), author, later);
      await moveTo(later, AFTER_DIGEST);
      // Sweeps at once (and the app's own) queue one digest between them, not one each; the author,
      // sent today's already, is left out before any transaction is opened for them.
      const scheduler = app.app.get(DigestScheduler);
      const send = jest.spyOn(app.app.get(NotificationDigestsService), 'send');
      try {
        const queued = await Promise.all([scheduler.sweep(), scheduler.sweep(), scheduler.sweep()]);
        expect(queued.reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(1);
        expect(send.mock.calls.filter(([userId]) => userId === author.id)).toEqual([]);
      } finally {
        send.mockRestore();
      }
      // In their language, the day as they write it.
      const digest = await mailbox.next({ to: later.email, subject: 'Votre résumé Tandem' });
      expect(digest.subject).toBe(`Votre résumé Tandem du ${digestDay('fr')} : 1 notification`);
      expect(digest.text).toContain(`Ce qui vous attend dans Tandem, en date du ${digestDay('fr')} :`);
      expect(digest.text).toContain('Veille numérique — Vous êtes mentionné dans un commentaire');
      // That sweep ran after the author's new notice and the idle person's move.
      expect(digestsTo(author)).toHaveLength(1);
      expect(notificationMailsTo(idle)).toEqual([]);
      expect((await noticesOf(author)).filter((notice) => notice.kind === 'article.mention')).toHaveLength(1);
    });

    it('NONE stops the e-mail of a kind and keeps it in the app; a workspace’s choice wins over the general one', async () => {
      const member = await person('host', 'CONTRIBUTOR');
      expect(ok(await choose(member, 'coverage.assigned', 'NONE', world.workspace.id)).setNotificationPreference).toEqual({
        kind: 'coverage.assigned',
        workspaceId: world.workspace.id,
        delivery: 'NONE',
        source: 'WORKSPACE',
      });
      expect(ok(await choose(member, 'article.mention', 'IMMEDIATE')).setNotificationPreference).toMatchObject({ delivery: 'IMMEDIATE', source: 'ALL_WORKSPACES' });
      expect(await preferenceOf(member, 'coverage.assigned', world.workspace.id)).toMatchObject({ delivery: 'NONE', source: 'WORKSPACE' });
      expect(await preferenceOf(member, 'coverage.assigned')).toMatchObject({ delivery: 'IMMEDIATE', source: 'DEFAULT' });

      const coverage = await coverageDueIn(24 * 60, member);
      await mention(await article(), member);
      await mailbox.next({ to: member.email, subject: 'You were mentioned in a comment' });
      expect(notificationMailsTo(member).map((mail) => mail.subject)).toEqual(['You were mentioned in a comment']);
      expect(await noticesOf(member)).toContainEqual({ kind: 'coverage.assigned', resourceId: coverage, delivery: 'NONE' });
    });

    it('tell the admins of an invited organization, outside the workspace they cannot see yet, in the app only (its own e-mail is the invitation)', async () => {
      const invitations = (await noticesOf(world.partnerAdmin)).filter((notice) => notice.kind === 'workspace.partner_invited');
      expect(invitations).toEqual([expect.objectContaining({ delivery: 'NONE' })]);
      // The invitation's e-mail goes whatever they choose: the notice never brings it back.
      expect(ok(await choose(world.partnerAdmin, 'workspace.partner_invited', 'DAILY')).setNotificationPreference).toEqual({
        kind: 'workspace.partner_invited',
        workspaceId: null,
        delivery: 'NONE',
        source: 'DEFAULT',
      });
      const message = ok(await app.graphql(`{ notifications(first: 100) { edges { node { kind workspaceId message { en } } } } }`, {}, { token: world.partnerAdmin.token }))
        .notifications.edges.map((edge: { node: unknown }) => edge.node)
        .find((notice: { kind: string }) => notice.kind === 'workspace.partner_invited');
      expect(message).toEqual({ kind: 'workspace.partner_invited', workspaceId: null, message: { en: 'Your organization is invited into the workspace “Digital watch”' } });
    });

    it('refuse an unknown kind, and a workspace the caller has no access to', async () => {
      const member = await person();
      const wrong = refused(await choose(member, 'everything', 'NONE'), 'BAD_USER_INPUT');
      expect(wrong.extensions.fields).toEqual([expect.objectContaining({ field: 'kind', message: expect.stringContaining('must be a notification kind') })]);
      refused(await choose(world.people.OUTSIDER, 'article.mention', 'NONE', world.workspace.id), 'NOT_FOUND');
      refused(await app.graphql(PREFERENCES, { workspaceId: world.workspace.id }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
      refused(await app.graphql(`mutation { setTimeZone(input: { timeZone: "Mars/Olympus_Mons" }) }`, {}, { token: member.token }), 'BAD_USER_INPUT');
    });

    it('notify the members a comment mentions only when they can see the article', async () => {
      const colleague = await person();
      const partnerMember = await person('partner');
      const internal = await article('ORGANIZATION');
      await mention(internal, colleague, partnerMember);
      expect(await noticesOf(colleague)).toContainEqual({ kind: 'article.mention', resourceId: internal, delivery: 'DAILY' });
      expect((await noticesOf(partnerMember)).filter((notice) => notice.resourceId === internal)).toEqual([]);
    });

    it('never mail a partner’s member about an article that became internal to its organization since', async () => {
      const colleague = await person();
      const partnerMember = await person('partner');
      const id = await article('WORKSPACE');
      await mention(id, colleague, partnerMember);
      expect(await noticesOf(partnerMember)).toContainEqual({ kind: 'article.mention', resourceId: id, delivery: 'DAILY' });
      ok(
        await app.graphql(
          `mutation($input: ChangeArticleVisibilityInput!) { changeArticleVisibility(input: $input) { visibility } }`,
          { input: { articleId: id, visibility: 'ORGANIZATION' } },
          { token: world.people.EDITOR.token },
        ),
      );
      await moveTo(colleague, AFTER_DIGEST);
      await moveTo(partnerMember, AFTER_DIGEST);
      expect((await mailbox.next({ to: colleague.email, subject: 'Your Tandem digest' })).text).toContain('You were mentioned in a comment');
      // The partner member's digest was queued, then built with nothing they may still see: cancelled, never sent.
      const stateOf = async () =>
        (await app.dataSource.query(`SELECT state FROM outbound_message WHERE idempotency_key LIKE $1`, [`digest:${partnerMember.id}:%`]))[0]?.state;
      await eventually(async () => (await stateOf()) === 'cancelled', 'the digest cancelled');
      expect(notificationMailsTo(partnerMember)).toEqual([]);
    });

    it('re-check when an e-mail is sent, not when it was queued, that its addressee may still see what it tells of', async () => {
      const partnerMember = await person('partner');
      ok(await choose(partnerMember, 'article.mention', 'IMMEDIATE'));
      const id = await article('WORKSPACE');
      // The partner member's server answers "try again later" to their notification: each retry builds it anew.
      let offered!: () => void;
      const firstOffer = new Promise<void>((resolve) => (offered = resolve));
      mailbox.gatekeeper = async ({ messageId }) => {
        const [message] = await app.dataSource.query(`SELECT user_id, template FROM outbound_message WHERE message_id = $1`, [messageId]);
        if (message?.user_id !== partnerMember.id || message.template !== 'notification.immediate') return;
        offered();
        return { code: 451, message: 'Try again later' };
      };
      await mention(id, partnerMember);
      await firstOffer;
      ok(
        await app.graphql(
          `mutation($input: ChangeArticleVisibilityInput!) { changeArticleVisibility(input: $input) { visibility } }`,
          { input: { articleId: id, visibility: 'ORGANIZATION' } },
          { token: world.people.EDITOR.token },
        ),
      );
      const stateOf = async () =>
        (await app.dataSource.query(`SELECT state FROM outbound_message WHERE user_id = $1 AND template = 'notification.immediate'`, [partnerMember.id]))[0]?.state;
      await eventually(async () => (await stateOf()) === 'cancelled', 'the message cancelled at its retry');
      expect(notificationMailsTo(partnerMember)).toEqual([]);
    });

    it('tell the assignee once that a coverage is due soon, and never once it is filed', async () => {
      const reporter = await person('host', 'CONTRIBUTOR');
      ok(await choose(reporter, 'coverage.due_soon', 'IMMEDIATE'));
      const dueSoon = await coverageDueIn(60, reporter);
      await mailbox.next({ to: reporter.email, subject: 'A coverage assigned to you is due soon' });

      // Filed while its due time was far, then due within the window (moved in the database: time is not waited for).
      const filed = await coverageDueIn(6 * 60, reporter);
      ok(await respond(app, reporter, filed, true));
      expect(await noticesOf(world.people.COORDINATOR)).toContainEqual({ kind: 'coverage.accepted', resourceId: filed, delivery: 'DAILY' });
      ok(await updateCoverage(app, reporter, filed, { status: 'IN_PROGRESS', deliverableUrl: 'https://example.gc.ca/recap' }));
      ok(await updateCoverage(app, reporter, filed, { status: 'FILED' }));
      await app.dataSource.query(`UPDATE coverage SET due_at = now() + interval '30 minutes' WHERE id = $1`, [filed]);
      const sentinel = await coverageDueIn(90, reporter);
      await eventually(async () => (await noticesOf(reporter)).some((notice) => notice.kind === 'coverage.due_soon' && notice.resourceId === sentinel), 'the later coverage announced');

      const dueNotices = (await noticesOf(reporter)).filter((notice) => notice.kind === 'coverage.due_soon').map((notice) => notice.resourceId);
      expect(dueNotices.sort()).toEqual([dueSoon, sentinel].sort());
      await mailbox.next({ to: reporter.email, subject: 'A coverage assigned to you is due soon' });
      expect(notificationMailsTo(reporter).filter((mail) => mail.subject === 'A coverage assigned to you is due soon')).toHaveLength(2);
    });

    it('tell a new assignee, and the assignee of a moved due time, that a coverage is due soon', async () => {
      const first = await person('host', 'CONTRIBUTOR');
      const second = await person('host', 'CONTRIBUTOR');
      const dueSoonOf = async (user: TestUser, coverageId: string) => (await noticesOf(user)).filter((notice) => notice.kind === 'coverage.due_soon' && notice.resourceId === coverageId);
      const id = await coverageDueIn(60, first);
      await eventually(async () => (await dueSoonOf(first, id)).length === 1, 'the first assignee told');
      ok(await assignCoverage(app, world.people.COORDINATOR, id, second.id, world.host.id));
      await eventually(async () => (await dueSoonOf(second, id)).length === 1, 'the new assignee told');
      // Moved in the database: time is not waited for.
      await app.dataSource.query(`UPDATE coverage SET due_at = due_at + interval '30 minutes' WHERE id = $1`, [id]);
      await eventually(async () => (await dueSoonOf(second, id)).length === 2, 'the assignee told of the new due time');
      expect(await dueSoonOf(first, id)).toHaveLength(1);
    });

    it('send no "due soon" built once the coverage is cancelled or past due', async () => {
      const reporter = await person('host', 'CONTRIBUTOR');
      ok(await choose(reporter, 'coverage.assigned', 'NONE'));
      ok(await choose(reporter, 'coverage.due_soon', 'IMMEDIATE'));
      // The reporter's server answers "try again later": each retry builds the message anew.
      mailbox.gatekeeper = async ({ messageId }) => {
        const [message] = await app.dataSource.query(`SELECT user_id FROM outbound_message WHERE message_id = $1`, [messageId]);
        return message?.user_id === reporter.id ? { code: 451, message: 'Try again later' } : undefined;
      };
      const cancelled = await coverageDueIn(60, reporter);
      const pastDue = await coverageDueIn(60, reporter);
      const stateOf = async (coverageId: string) =>
        (
          await app.dataSource.query(
            `SELECT message.state FROM outbound_message message JOIN notification notice ON notice.id::text = message.params->>'notificationId'
              WHERE notice.kind = 'coverage.due_soon' AND notice.resource_id = $1`,
            [coverageId],
          )
        )[0]?.state as string | undefined;
      await eventually(async () => !!(await stateOf(cancelled)) && !!(await stateOf(pastDue)), 'both queued');
      ok(await updateCoverage(app, world.people.COORDINATOR, cancelled, { status: 'CANCELLED' }));
      await app.dataSource.query(`UPDATE coverage SET due_at = now() - interval '1 minute' WHERE id = $1`, [pastDue]);
      await eventually(async () => (await stateOf(cancelled)) === 'cancelled' && (await stateOf(pastDue)) === 'cancelled', 'both cancelled when built');
    });

    it('stop the mail already waiting when a link unsubscribes (RFC 8058): it is in no digest', async () => {
      const member = await person();
      ok(await choose(member, 'article.mention', 'IMMEDIATE'));
      await mention(await article(), member);
      const mail = await mailbox.next({ to: member.email, subject: 'You were mentioned in a comment' });
      ok(await choose(member, 'article.mention', 'DAILY'));
      const waiting = await article();
      await mention(waiting, member);
      expect(await noticesOf(member)).toContainEqual({ kind: 'article.mention', resourceId: waiting, delivery: 'DAILY' });

      expect((await post(unsubscribeLinkOf(mail.header('list-unsubscribe')))).statusCode).toBe(200);
      expect(await noticesOf(member)).toContainEqual({ kind: 'article.mention', resourceId: waiting, delivery: 'NONE' });
      await moveTo(member, AFTER_DIGEST);
      await app.app.get(DigestScheduler).sweep();
      expect(await app.dataSource.query(`SELECT id FROM outbound_message WHERE idempotency_key LIKE $1`, [`digest:${member.id}:%`])).toEqual([]);
    });

    it('stop a digest already waiting in the outbox when its link unsubscribes: it is not sent', async () => {
      const member = await person();
      await mention(await article(), member);
      // The member's server answers "try again later": the digest waits in the outbox, its notices taken.
      let offered = false;
      mailbox.gatekeeper = ({ to, subject }) => {
        if (!to.includes(member.email.toLowerCase()) || !subject.startsWith('Your Tandem digest')) return;
        offered = true;
        return { code: 451, message: 'Try again later' };
      };
      await moveTo(member, AFTER_DIGEST);
      await eventually(async () => offered, 'the digest offered');

      // The digest's link, as every digest of theirs carries it.
      const link = new URL(app.app.get(UnsubscribeLinks).urlFor({ userId: member.id, kind: null, workspaceId: null }));
      expect((await post(`${link.pathname}${link.search}`)).statusCode).toBe(200);
      mailbox.gatekeeper = () => undefined;
      const digestState = async () => (await app.dataSource.query(`SELECT state FROM outbound_message WHERE idempotency_key LIKE $1`, [`digest:${member.id}:%`]))[0]?.state;
      await eventually(async () => (await digestState()) === 'cancelled', 'the digest cancelled at its retry');
      expect(digestsTo(member)).toEqual([]);
    });

    it('unsubscribe in one click with the signed link of a message, and refuse a tampered one', async () => {
      const { author, assignmentMail, digest } = published;
      const link = unsubscribeLinkOf(assignmentMail.header('list-unsubscribe'));
      expect(new URL(link, 'http://x').searchParams.get('workspace')).toBe(world.workspace.id);

      // GET shows the form and changes nothing (mail scanners follow links).
      const page = await app.get(link);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<form method="post"');
      expect(await preferenceOf(author, 'coverage.assigned', world.workspace.id)).toMatchObject({ delivery: 'IMMEDIATE', source: 'DEFAULT' });

      const tampered = link.replace('kind=coverage.assigned', 'kind=article.review_requested');
      expect(tampered).not.toBe(link);
      expect((await post(tampered)).statusCode).toBe(403);
      const forged = link.replace(/signature=[^&]+/, 'signature=AAAA');
      expect((await post(forged)).statusCode).toBe(403);
      expect((await app.get(forged)).statusCode).toBe(403);
      expect(await preferenceOf(author, 'article.review_requested', world.workspace.id)).toMatchObject({ delivery: 'IMMEDIATE', source: 'DEFAULT' });

      // No session needed: the signed address is the credential (RFC 8058).
      const done = await post(link);
      expect(done.statusCode).toBe(200);
      expect(await preferenceOf(author, 'coverage.assigned', world.workspace.id)).toMatchObject({ delivery: 'NONE', source: 'WORKSPACE' });
      expect(await preferenceOf(author, 'coverage.assigned')).toMatchObject({ delivery: 'IMMEDIATE', source: 'DEFAULT' });

      // The digest's link stops the digest, not what comes at once, nor (in the app) what waited for tomorrow's;
      // posted as multipart, as some mail clients do.
      expect(await noticesOf(author)).toContainEqual(expect.objectContaining({ kind: 'article.mention', delivery: 'DAILY' }));
      expect((await post(forged, multipartOneClick, MULTIPART)).statusCode).toBe(403);
      expect((await post(unsubscribeLinkOf(digest.header('list-unsubscribe')), multipartOneClick, MULTIPART)).statusCode).toBe(200);
      expect(await preferenceOf(author, 'article.published')).toMatchObject({ delivery: 'NONE', source: 'ALL_WORKSPACES' });
      expect(await preferenceOf(author, 'article.review_requested')).toMatchObject({ delivery: 'IMMEDIATE', source: 'DEFAULT' });
      expect((await noticesOf(author)).filter((notice) => notice.kind === 'article.mention')).toEqual([expect.objectContaining({ delivery: 'NONE' })]);
    });
  },
);
