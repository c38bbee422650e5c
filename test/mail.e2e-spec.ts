import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { AppConfig } from '../src/config/config';
import { html, MailOutbox, MailTemplates } from '../src/mail';
import { MailQueue } from '../src/mail/mail-queue';
import { createTestDatabase, TestDatabase } from './support/database';
import { eventually } from './support/eventually';
import { addOrganizationMember, createOrganization, registerUser, TestUser, verifyEmail } from './support/factories';
import { describeApp, GraphQLResponse, ok, refused, TestApp, testConfig } from './support/harness';
import { ReceivedMail, SmtpRefusal, useMailbox } from './support/mailbox';
import { createWorkspace } from './support/world';

const mailbox = useMailbox();
/** Quick wake-ups and back-off, and a queue of this file's own when CI gives a Redis. */
const FAST = { MAIL_POLL_MS: '100', MAIL_RETRY_BASE_SECONDS: '1', MAIL_MAX_ATTEMPTS: '3', FETCH_QUEUE_PREFIX: `mail-test-${process.pid}` };
const MESSAGE_ID = /^<[0-9a-f-]{36}@tandem\.localhost>$/;

const INVITE = `mutation($input: InviteToOrganizationInput!) { inviteToOrganization(input: $input) { id token } }`;
const INVITE_PARTNER = `mutation($input: WorkspaceOrganizationInput!) { invitePartner(input: $input) { status } }`;
/** What a phisher would make the links point to, were they built from the request. */
const FORGED_HOST = { host: 'tandem.attacker.example', 'x-forwarded-host': 'tandem.attacker.example' };

/** A signed link whose signature (its last parameter) differs in its last character, whatever that is. */
const withForgedSignature = (url: string) => url.slice(0, -1) + (url.endsWith('A') ? 'B' : 'A');

/** The path and query of a link in a message, to ask the app under test for it. */
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

const linkAfter = (mail: ReceivedMail, label: string) => new RegExp(`${label}: (\\S+)`).exec(mail.text)?.[1] ?? '';

interface OutboxRow {
  state: string;
  attempts: number;
  lastError: string | null;
  params: Record<string, unknown>;
  messageId: string;
}

async function outboxRows(app: TestApp, where: string, values: unknown[]): Promise<OutboxRow[]> {
  return app.dataSource.query(
    `SELECT state, attempts, last_error AS "lastError", params, message_id AS "messageId" FROM outbound_message WHERE ${where} ORDER BY created_at`,
    values,
  );
}

async function invite(app: TestApp, admin: TestUser, organizationId: string, email: string, role = 'MEMBER', headers: Record<string, string> = {}) {
  return ok(await app.graphql(INVITE, { input: { organizationId, email, role } }, { token: admin.token, headers })).inviteToOrganization as { id: string; token: string };
}

describeApp('mail through a real SMTP server', { env: () => ({ ...mailbox.env, ...FAST }) }, ({ app }) => {
  let admin: TestUser;
  let organization: { id: string; slug: string };

  beforeAll(async () => {
    admin = await registerUser(app, { displayName: 'Kema Joseph', preferredLanguage: 'en' });
    organization = await createOrganization(app, admin, { name: { fr: 'Bureau des communications', en: 'Communications Office' } });
  });

  afterEach(() => {
    mailbox.gatekeeper = () => undefined;
  });

  it('mails an organization invitation in the invitee’s language, both parts, with the accept link and a working link to the other language', async () => {
    const invitee = await verifyEmail(app, await registerUser(app, { preferredLanguage: 'fr' }), mailbox);
    const invitation = await invite(app, admin, organization.id, invitee.email, 'MEMBER', FORGED_HOST);

    const mail = await mailbox.next({ to: invitee.email, subject: 'Invitation à rejoindre Bureau des communications' });
    expect(mail.messageId).toMatch(MESSAGE_ID);
    expect(mail.from).toBe('no-reply@tandem.localhost');
    expect(mail.header('to')).toContain(invitee.email);
    expect(mail.header('content-language')).toBe('fr');
    expect(mail.header('list-unsubscribe')).toBeUndefined();
    expect(mail.text).toContain('Kema Joseph vous invite à rejoindre Bureau des communications sur Tandem en tant que membre.');
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('Kema Joseph vous invite à rejoindre Bureau des communications');
    const acceptUrl = linkAfter(mail, "Accepter l'invitation");
    // Every link from the configuration (here no PUBLIC_URL: this server), never from the request's Host.
    const linkBase = app.app.get(AppConfig).linkBase;
    expect(acceptUrl.startsWith(`${linkBase}/invitations/organization?token=`)).toBe(true);
    expect(linkAfter(mail, 'English version').startsWith(`${linkBase}/mail/messages/`)).toBe(true);
    expect(mail.html).toContain(`href="${acceptUrl}"`);
    expect(new URL(acceptUrl).searchParams.get('token')).toBe(invitation.token);

    // Once sent, the outbox keeps no token in clear.
    const key = [`organization.invitation:${invitation.id}`];
    await eventually(async () => (await outboxRows(app, 'idempotency_key = $1', key))[0]?.state === 'sent', 'recorded as sent');
    const [row] = await outboxRows(app, 'idempotency_key = $1', key);
    expect(row).toMatchObject({ attempts: 1, lastError: null, messageId: mail.messageId });
    expect(row.params).not.toHaveProperty('secretToken');

    // The link to the other language opens the same message, in English (its token is not there any more).
    const english = linkAfter(mail, 'English version');
    const page = await app.get(pathOf(english));
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Kema Joseph invites you to join Communications Office on Tandem as a member.');
    expect(page.body).toContain('The link to accept it is in the message you received.');
    expect(page.body).not.toContain(invitation.token);
    // ...and links back to French. A link whose signature does not match opens nothing.
    expect(page.body).toMatch(/href="[^"]*\/mail\/messages\/[0-9a-f-]+\/fr\?signature=/);
    expect((await app.get(pathOf(withForgedSignature(english)))).statusCode).toBe(404);
    expect((await app.get(pathOf(english.replace('/en?', '/fr?')))).statusCode).toBe(404);

    // The accept link's token works, for the invitee.
    const accepted = await app.graphql(`mutation($input: AcceptOrganizationInvitationInput!) { acceptOrganizationInvitation(input: $input) { role } }`, {
      input: { token: new URL(acceptUrl).searchParams.get('token') },
    }, { token: invitee.token });
    expect(ok(accepted).acceptOrganizationInvitation.role).toBe('MEMBER');
  });

  it('writes to an address with no account in the inviter’s language', async () => {
    const email = `nobody-yet-${Date.now()}@example.gc.ca`;
    await invite(app, admin, organization.id, email, 'ADMIN');
    const mail = await mailbox.next({ to: email });
    expect(mail.header('content-language')).toBe('en');
    expect(mail.subject).toBe('Invitation to join Communications Office on Tandem');
    expect(mail.text).toContain('as an administrator');
    expect(mail.text).toMatch(/Version française: http\S+\/mail\/messages\/[0-9a-f-]+\/fr\?signature=/);
  });

  it('mails a partner invitation to each admin of the invited organization, in each one’s language, and to nobody else', async () => {
    const partnerAdmin = await registerUser(app, { displayName: 'Patrick Parent', preferredLanguage: 'fr' });
    const partner = await createOrganization(app, partnerAdmin, { name: { fr: 'E-Gouv Québec', en: 'E-Gouv Quebec' } });
    const secondAdmin = await registerUser(app, { preferredLanguage: 'en' });
    const member = await registerUser(app, { preferredLanguage: 'en' });
    await addOrganizationMember(app, partnerAdmin, partner, secondAdmin, 'ADMIN', mailbox);
    await addOrganizationMember(app, partnerAdmin, partner, member, 'MEMBER', mailbox);
    const workspace = await createWorkspace(app, admin, organization);

    ok(await app.graphql(INVITE_PARTNER, { input: { workspaceId: workspace.id, organizationId: partner.id } }, { token: admin.token, headers: FORGED_HOST }));

    const french = await mailbox.next({ to: partnerAdmin.email, subject: 'Invitation de partenaire : Veille numérique' });
    expect(french.header('content-language')).toBe('fr');
    expect(french.text).toContain('Kema Joseph (Bureau des communications) invite E-Gouv Québec');
    const english = await mailbox.next({ to: secondAdmin.email, subject: 'Partner invitation: Digital watch' });
    expect(english.header('content-language')).toBe('en');
    expect(english.text).toContain('Kema Joseph (Communications Office) invites E-Gouv Quebec');
    expect(english.messageId).not.toBe(french.messageId);
    expect(linkAfter(english, 'Answer the invitation')).toBe(`${app.app.get(AppConfig).linkBase}/workspaces/${workspace.slug}/partners/${partner.id}/invitation`);
    expect(english.html).toContain(`/workspaces/${workspace.slug}/partners/${partner.id}/invitation"`);

    const toMember = () => outboxRows(app, `template = 'workspace.partner_invitation' AND user_id = $1`, [member.id]);
    expect(await toMember()).toEqual([]);
    expect(mailbox.messagesTo(member.email).filter((mail) => /partner|partenaire/i.test(mail.subject))).toEqual([]);
  });

  it('keeps the Message-ID when it retries after temporary (4xx) refusals', async () => {
    const email = `retried-${Date.now()}@example.gc.ca`;
    const refusals: SmtpRefusal[] = [{ code: 451, message: 'Try again later' }, { code: 421, message: 'Service not available' }];
    const refusedIds: string[] = [];
    mailbox.gatekeeper = ({ to, messageId }) => {
      if (!to.includes(email) || !refusals.length) return;
      refusedIds.push(messageId);
      return refusals.shift();
    };
    const invitation = await invite(app, admin, organization.id, email);

    const mail = await mailbox.next({ to: email });
    expect(refusedIds).toEqual([mail.messageId, mail.messageId]);
    expect(mailbox.messagesTo(email)).toHaveLength(1);
    await eventually(async () => (await outboxRows(app, 'idempotency_key = $1', [`organization.invitation:${invitation.id}`]))[0]?.state === 'sent', 'sent');
    expect((await outboxRows(app, 'idempotency_key = $1', [`organization.invitation:${invitation.id}`]))[0].attempts).toBe(3);
  });

  /** Refuses every message to a new address with `refusal`; the invitation's outbox row once failed, and how often it was offered. */
  async function failedInvitation(refusal: SmtpRefusal): Promise<{ row: OutboxRow; offered: number; email: string }> {
    const email = `refused-${refusal.code}-${Date.now()}@example.gc.ca`;
    let offered = 0;
    mailbox.gatekeeper = ({ to }) => (to.includes(email) ? (offered++, refusal) : undefined);
    const invitation = await invite(app, admin, organization.id, email);
    const key = [`organization.invitation:${invitation.id}`];
    await eventually(async () => (await outboxRows(app, 'idempotency_key = $1', key))[0]?.state === 'failed', 'failed');
    const [row] = await outboxRows(app, 'idempotency_key = $1', key);
    return { row, offered, email };
  }

  it('records the message failed, with the server’s reason, after MAIL_MAX_ATTEMPTS temporary refusals', async () => {
    const { row, offered, email } = await failedInvitation({ code: 451, message: 'Greylisted, try later' });
    expect(row.attempts).toBe(3);
    expect(row.lastError).toContain('451 Greylisted, try later');
    expect(row.params).not.toHaveProperty('secretToken');
    expect(offered).toBe(3);
    expect(mailbox.messagesTo(email)).toEqual([]);
  });

  it('fails a message at once, never retried, on a permanent (5xx) refusal', async () => {
    const { row, offered, email } = await failedInvitation({ code: 550, message: 'No such mailbox here' });
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('550 No such mailbox here');
    expect(row.params).not.toHaveProperty('secretToken');
    expect(offered).toBe(1);
    expect(mailbox.messagesTo(email)).toEqual([]);
  });

  it('builds each message when it sends it: an invitation accepted meanwhile is cancelled, not sent', async () => {
    const invitee = await verifyEmail(app, await registerUser(app, { preferredLanguage: 'en' }), mailbox);
    let refusedOnce = false;
    mailbox.gatekeeper = ({ to }) => {
      if (!to.includes(invitee.email) || refusedOnce) return;
      refusedOnce = true;
      return { code: 421, message: 'Busy' };
    };
    const invitation = await invite(app, admin, organization.id, invitee.email);
    await eventually(async () => refusedOnce, 'offered once');
    ok(await app.graphql(`mutation($input: AcceptOrganizationInvitationInput!) { acceptOrganizationInvitation(input: $input) { role } }`, {
      input: { token: invitation.token },
    }, { token: invitee.token }));

    const key = [`organization.invitation:${invitation.id}`];
    await eventually(async () => (await outboxRows(app, 'idempotency_key = $1', key))[0]?.state === 'cancelled', 'cancelled');
    const [row] = await outboxRows(app, 'idempotency_key = $1', key);
    expect(row.lastError).toBe('Nothing to send any more when the message was built');
    expect(row.params).not.toHaveProperty('secretToken');
    expect(mailbox.messagesTo(invitee.email).filter((mail) => mail.subject.startsWith('Invitation to join'))).toEqual([]);
  });

  describe('the outbox, as other modules use it', () => {
    const template = 'test.newsletter';
    beforeAll(() => {
      app.app.get(MailTemplates).register({
        name: template,
        build: async (params: { topic: string }, recipient, language) => ({
          subject: language === 'fr' ? `Nouvelles : ${params.topic}` : `News: ${params.topic}`,
          text: `${recipient.address}: ${params.topic}`,
          html: html`<p>${params.topic}</p>`,
          unsubscribeUrl: `https://tandem.example.ca/unsubscribe?to=${encodeURIComponent(recipient.address)}`,
        }),
      });
    });
    const enqueue = (email: string, key: string, topic: string) =>
      app.dataSource.transaction((tx) => app.app.get(MailOutbox).enqueue(tx, [{ to: { address: email, language: 'en' }, template, params: { topic }, idempotencyKey: key }]));

    it('adds List-Unsubscribe and one-click unsubscribe (RFC 8058) when the template gives a link, and escapes the HTML', async () => {
      const email = `reader-${Date.now()}@example.gc.ca`;
      await enqueue(email, `news:${email}`, '<script>alert(1)</script> & more');
      const mail = await mailbox.next({ to: email });
      expect(mail.subject).toBe('News: <script>alert(1)</script> & more');
      expect(mail.header('list-unsubscribe')).toBe(`<https://tandem.example.ca/unsubscribe?to=${encodeURIComponent(email)}>`);
      expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(mail.html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>');
      expect(mail.html).not.toContain('<script>');
      expect(mail.text).toContain(`Unsubscribe: https://tandem.example.ca/unsubscribe?to=`);
    });

    it('enqueues a key once, and nothing for a transaction that rolls back', async () => {
      const email = `once-${Date.now()}@example.gc.ca`;
      await enqueue(email, `news-once:${email}`, 'first');
      await enqueue(email, `news-once:${email}`, 'second');
      await expect(
        app.dataSource.transaction(async (tx) => {
          await app.app.get(MailOutbox).enqueue(tx, [{ to: { address: email, language: 'en' }, template, params: { topic: 'rolled back' }, idempotencyKey: `news-rollback:${email}` }]);
          throw new Error('the change fails');
        }),
      ).rejects.toThrow('the change fails');
      expect((await mailbox.next({ to: email })).subject).toBe('News: first');
      expect((await outboxRows(app, 'address = $1', [email])).map((row) => row.params)).toEqual([{ topic: 'first' }]);
    });

    it('refuses a message no registered template can build, and the change with it', async () => {
      const email = `unbuildable-${Date.now()}@example.gc.ca`;
      await expect(
        app.dataSource.transaction((tx) =>
          app.app.get(MailOutbox).enqueue(tx, [{ to: { address: email, language: 'fr' }, template: 'test.unknown', params: {}, idempotencyKey: `unknown:${email}` }]),
        ),
      ).rejects.toThrow('No mail template is registered as test.unknown');
      expect(await outboxRows(app, 'address = $1', [email])).toEqual([]);
    });
  });
});

// Its own app: PUBLIC_URL, low limits, and client addresses of its own through a trusted proxy.
describeApp(
  'invitation mail links and throttles',
  { env: () => ({ ...mailbox.env, ...FAST, PUBLIC_URL: 'https://tandem.example.ca', TRUST_PROXY: 'true', ACCOUNT_MAIL_PER_CLIENT_ADDRESS: '3', ACCOUNT_MAIL_PER_RECIPIENT: '2' }) },
  ({ app }) => {
    let admin: TestUser;
    let organization: { id: string; slug: string };
    beforeAll(async () => {
      admin = await registerUser(app, { preferredLanguage: 'en' });
      organization = await createOrganization(app, admin);
    });

    const from = (address: string) => ({ ...FORGED_HOST, 'x-forwarded-for': address });
    const inviteFrom = (email: string, address: string) =>
      app.graphql(INVITE, { input: { organizationId: organization.id, email, role: 'MEMBER' } }, { token: admin.token, headers: from(address) });
    const invitePartnerFrom = (workspaceId: string, organizationId: string, address: string) =>
      app.graphql(INVITE_PARTNER, { input: { workspaceId, organizationId } }, { token: admin.token, headers: from(address) });
    const expectLocked = (response: GraphQLResponse) => {
      const error = refused(response, 'RATE_LIMITED');
      expect(error.extensions.retryAfterSeconds).toBeGreaterThan(0);
      expect(error.extensions.retryAfterSeconds).toBeLessThanOrEqual(60);
    };

    it('links to PUBLIC_URL whatever Host the inviter’s request names', async () => {
      const email = `public-url-${Date.now()}@example.gc.ca`;
      ok(await inviteFrom(email, '203.0.113.1'));
      const mail = await mailbox.next({ to: email });
      expect(linkAfter(mail, 'Accept the invitation')).toMatch(/^https:\/\/tandem\.example\.ca\/invitations\/organization\?token=/);
      expect(linkAfter(mail, 'Version française')).toMatch(/^https:\/\/tandem\.example\.ca\/mail\/messages\//);
      expect(mail.text).not.toContain('attacker');
      expect(mail.html).not.toContain('attacker');
    });

    it('slows the invitations to one address, from any client, with retryAfterSeconds', async () => {
      const email = `invited-often-${Date.now()}@example.gc.ca`;
      for (const address of ['203.0.113.11', '203.0.113.12', '203.0.113.13']) ok(await inviteFrom(email, address));
      expectLocked(await inviteFrom(email, '203.0.113.14'));
    });

    it('slows one client inviting many addresses, and no other client', async () => {
      for (let count = 0; count < 4; count++) ok(await inviteFrom(`spree-${count}-${Date.now()}@example.gc.ca`, '203.0.113.21'));
      expectLocked(await inviteFrom(`spree-more-${Date.now()}@example.gc.ca`, '203.0.113.21'));
      ok(await inviteFrom(`neighbour-${Date.now()}@example.gc.ca`, '203.0.113.22'));
    });

    it('slows the partner invitations of one organization, from any client', async () => {
      const partnerAdmin = await registerUser(app, { preferredLanguage: 'en' });
      const partner = await createOrganization(app, partnerAdmin);
      const workspaces = [await createWorkspace(app, admin, organization), await createWorkspace(app, admin, organization), await createWorkspace(app, admin, organization)];
      for (const [index, workspace] of workspaces.entries()) ok(await invitePartnerFrom(workspace.id, partner.id, `203.0.113.3${index}`));
      const another = await createWorkspace(app, admin, organization);
      expectLocked(await invitePartnerFrom(another.id, partner.id, '203.0.113.39'));
      const mail = await mailbox.next({ to: partnerAdmin.email, subject: 'Partner invitation' });
      expect(linkAfter(mail, 'Answer the invitation')).toMatch(/^https:\/\/tandem\.example\.ca\/workspaces\//);
    });
  },
);

const METRICS_TOKEN = 'mail-test-metrics-token';

describeApp('mail without SMTP_URL', { env: { SMTP_URL: '', METRICS_TOKEN, ...FAST } }, ({ app }) => {
  it('keeps every message queued, never dropped, and shows no development mailbox outside development', async () => {
    const admin = await registerUser(app);
    const organization = await createOrganization(app, admin);
    const first = await invite(app, admin, organization.id, `first-${Date.now()}@example.gc.ca`);
    // A second commit would wake a sender, if there were one.
    await invite(app, admin, organization.id, `second-${Date.now()}@example.gc.ca`);
    const [row] = await outboxRows(app, 'idempotency_key = $1', [`organization.invitation:${first.id}`]);
    expect(row).toMatchObject({ state: 'queued', attempts: 0 });
    // Its token is sealed while it waits: the row never holds it in clear.
    expect(JSON.stringify(row)).not.toContain(first.token);
    expect(row.params.secretToken).toMatch(/^v1\./);
    expect((await app.get('/dev/mailbox')).statusCode).toBe(404);
  });

  it('counts the outbox backlog in the metrics', async () => {
    const admin = await registerUser(app);
    const organization = await createOrganization(app, admin);
    for (const name of ['one', 'two']) await invite(app, admin, organization.id, `backlog-${name}-${Date.now()}@example.gc.ca`);
    const metrics = await app.get('/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(metrics.body).toMatch(/^tandem_mail_outbox_messages\{state="queued"\} ([2-9]|\d{2,})$/m);
    expect(metrics.body).toMatch(/^tandem_mail_outbox_messages\{state="failed"\} 0$/m);
  });
});

describeApp('the development mailbox', { env: { SMTP_URL: '', NODE_ENV: 'development', ...FAST } }, ({ app }) => {
  it('lists the outbox at /dev/mailbox, each message readable in both languages', async () => {
    const admin = await registerUser(app);
    const organization = await createOrganization(app, admin);
    const email = `waiting-${Date.now()}@example.gc.ca`;
    await invite(app, admin, organization.id, email);
    const page = await app.get('/dev/mailbox');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(email);
    expect(page.body).toContain('organization.invitation');
    const french = /href="([^"]*\/fr\?signature=[^"]*)"/.exec(page.body)![1].replace(/&amp;/g, '&');
    const view = await app.get(pathOf(french));
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Accepter l&#39;invitation');
    expect(view.body).toContain('>English version</a>');
  });
});

// Processes sharing the work need a PostgreSQL server (an embedded database has one process) and Redis.
const describeWithQueue = process.env.REDIS_URL && process.env.DATABASE_URL ? describeApp : describeApp.skip;

describeWithQueue('mail on the queue (REDIS_URL)', { env: () => ({ ...mailbox.env, ...FAST, MAIL_SENDER: 'off' }) }, ({ app }) => {
  let sender: INestApplication | undefined;
  afterAll(() => sender?.close());

  it('puts each message on the BullMQ queue of its database, for whichever process sends: here, another one', async () => {
    const admin = await registerUser(app);
    const organization = await createOrganization(app, admin);
    const email = `queued-${Date.now()}@example.gc.ca`;
    await invite(app, admin, organization.id, email);
    // This process sends nothing (MAIL_SENDER=off): the message waits on the queue.
    const queue = app.app.get(MailQueue);
    await eventually(async () => (await queue.jobs().getWaitingCount()) > 0, 'on the queue');
    expect(mailbox.messagesTo(email)).toEqual([]);

    const url = (app.dataSource.options as { url: string }).url;
    // The same JWT_SECRET, as every process of a deployment has: it keys the sealed token of the invitation.
    const secret = app.app.get(AppConfig).jwtSecret;
    sender = await createApp(testConfig({ TANDEM_DATA_DIR: 'memory://', DATABASE_URL: url, JWT_SECRET: secret, ...mailbox.env, ...FAST }));
    expect(sender.get(MailQueue).name).toBe(queue.name);
    expect((await mailbox.next({ to: email })).subject).toMatch(/^Invitation to join/);
  });
});

// Two senders draining one database in process (no Redis) need a PostgreSQL server.
const describeWithServer = process.env.DATABASE_URL ? describeApp : describeApp.skip;

describeWithServer('two senders on one outbox, behind a slow SMTP server', { env: () => ({ ...mailbox.env, ...FAST, REDIS_URL: '', MAIL_LEASE_SECONDS: '1' }) }, ({ app }) => {
  const template = 'test.lease';
  let other: INestApplication | undefined;
  afterAll(() => other?.close());
  afterEach(() => {
    mailbox.gatekeeper = () => undefined;
  });
  beforeAll(() => {
    app.app.get(MailTemplates).register({ name: template, build: async (params: { topic: string }) => ({ subject: `Lease: ${params.topic}`, text: params.topic, html: html`<p>${params.topic}</p>` }) });
  });
  const enqueue = (emails: string[]) =>
    app.dataSource.transaction((tx) =>
      app.app.get(MailOutbox).enqueue(tx, emails.map((email) => ({ to: { address: email, language: 'en' as const }, template, params: { topic: email }, idempotencyKey: `lease:${email}` }))),
    );

  it('sends each message of a batch whose lease ran out once: the sender that lost a message skips it', async () => {
    const batch = ['one', 'two', 'three'].map((name) => `lease-${name}-${Date.now()}@example.gc.ca`);
    const last = `lease-last-${Date.now()}@example.gc.ca`;
    // The first message of the batch the sender offers stalls the server until the test lets it through.
    let release: () => void = () => undefined;
    let held: string | undefined;
    mailbox.gatekeeper = ({ to }) => {
      if (held || !batch.includes(to[0])) return;
      held = to[0];
      return new Promise<void>((settle) => (release = settle));
    };
    await enqueue(batch);
    await eventually(async () => !!held, 'the server holds the first message');
    const rest = batch.filter((email) => email !== held);

    // Past the batch's lease, another sender takes the rest of it, and sends it.
    const url = (app.dataSource.options as { url: string }).url;
    other = await createApp(testConfig({ TANDEM_DATA_DIR: 'memory://', DATABASE_URL: url, ...mailbox.env, ...FAST, REDIS_URL: '' }));
    other.get(MailTemplates).register(app.app.get(MailTemplates).get(template)!);
    for (const email of rest) await mailbox.next({ to: email });

    // The first sender, let through, goes on with its batch; a message sent after the others shows it is done with it.
    release();
    await other.close();
    other = undefined;
    await enqueue([last]);
    await mailbox.next({ to: last });
    for (const email of rest) expect(mailbox.messagesTo(email)).toHaveLength(1);
  });
});

/** A Tandem of its own (support/serve-held.ts) on `database`, sending to the mailbox. */
async function startSender(database: TestDatabase): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--require', join(__dirname, 'support/swc-register.js'), join(__dirname, 'support/serve-held.ts')], {
    env: {
      ...process.env,
      ...database.env,
      ...mailbox.env,
      ...FAST,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: '0',
      PASSWORD_HASH_MEMORY_KIB: '1024',
      PASSWORD_HASH_ITERATIONS: '1',
      // Short, so that the second sender takes over the first one's batch soon.
      MAIL_LEASE_SECONDS: '2',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { listening: string }) => resolve(message.listening));
    child.once('exit', (code) => reject(new Error(`The server exited with ${code} before listening`)));
  });
  return { child, url };
}

/** TestApp's GraphQL call, over HTTP to another process: what the factories need. */
function remote(url: string): TestApp {
  const graphql = async (query: string, variables: Record<string, unknown> = {}, options: { token?: string } = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, any>; errors?: [] };
    return { status: response.status, data: body.data ?? null, errors: body.errors };
  };
  return { graphql } as unknown as TestApp;
}

describe('a sender killed in the middle of a batch', () => {
  let database: TestDatabase;
  const children: ChildProcess[] = [];
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map((child) => (child.exitCode === null && child.signalCode === null ? new Promise((exited) => child.once('exit', exited)) : undefined)));
    await database.drop();
  });
  afterEach(() => {
    mailbox.gatekeeper = () => undefined;
  });

  it('loses no message and sends none under two Message-IDs: another sender sends the rest after the lease', async () => {
    const first = await startSender(database);
    children.push(first.child);
    const api = remote(first.url);
    // An invited organization with five admins: one partner invitation is five messages, in one transaction.
    const host = await registerUser(api, { displayName: 'Host Admin' });
    const hostOrganization = await createOrganization(api, host);
    const admins = [await registerUser(api)];
    const partner = await createOrganization(api, admins[0]);
    for (let count = 1; count < 5; count++) {
      const admin = await registerUser(api);
      await addOrganizationMember(api, admins[0], partner, admin, 'ADMIN', mailbox);
      admins.push(admin);
    }
    const workspace = await createWorkspace(api, host, hostOrganization);

    // The third partner invitation the server is offered stalls: the sender hangs in the middle of its batch.
    const offers: { to: string; messageId: string }[] = [];
    let stalled = false;
    let release: (refusal: SmtpRefusal) => void = () => undefined;
    mailbox.gatekeeper = ({ to, subject, messageId }) => {
      if (!subject.startsWith('Partner invitation') || !offers.push({ to: to[0], messageId }) || offers.length !== 3 || stalled) return;
      stalled = true;
      return new Promise<SmtpRefusal>((settle) => (release = settle));
    };
    ok(await api.graphql(`mutation($input: WorkspaceOrganizationInput!) { invitePartner(input: $input) { status } }`, {
      input: { workspaceId: workspace.id, organizationId: partner.id },
    }, { token: host.token }));
    await eventually(async () => stalled, 'stalled on the third message');
    first.child.kill('SIGKILL');
    await new Promise((exited) => (first.child.exitCode === null && first.child.signalCode === null ? first.child.once('exit', exited) : exited(null)));
    // Whatever the dead connection would have been answered, it is not a delivery.
    release({ code: 421, message: 'Closing' });

    const second = await startSender(database);
    children.push(second.child);
    const invitations = () => admins.map((admin) => mailbox.messagesTo(admin.email).filter((mail) => mail.subject.startsWith('Partner invitation')));
    await eventually(async () => invitations().every((received) => received.length > 0), 'every admin invited', 60_000);

    // Stopped gracefully, the second sender records what it sent; then the outbox is read from here.
    second.child.kill('SIGTERM');
    await new Promise((exited) => (second.child.exitCode === null && second.child.signalCode === null ? second.child.once('exit', exited) : exited(null)));
    const reader = await createApp(testConfig({ ...database.env, SMTP_URL: '' }));
    const states: { state: string }[] = await reader.get(DataSource).query(`SELECT state FROM outbound_message WHERE template = 'workspace.partner_invitation'`);
    await reader.close();

    const stalledOffer = offers[2];
    for (const [index, received] of invitations().entries()) {
      // One message per admin, the stalled one under the Message-ID it was first offered with. In
      // process, a sender sends one message at a time and records each before the next: exactly one
      // arrives. On the queue (REDIS_URL) several are in flight at once, and one the server took
      // just before the kill, unrecorded, is sent again — under the same Message-ID, which is what
      // lets the receiver keep one.
      expect(received.length).toBeGreaterThanOrEqual(1);
      expect(received.length).toBeLessThanOrEqual(process.env.REDIS_URL ? 2 : 1);
      expect(new Set(received.map((mail) => mail.messageId)).size).toBe(1);
      if (admins[index].email === stalledOffer.to) expect(received[0].messageId).toBe(stalledOffer.messageId);
    }
    expect(new Set(invitations().map((received) => received[0].messageId)).size).toBe(5);
    expect(states.map(({ state }) => state)).toEqual(Array(5).fill('sent'));
  });
});
