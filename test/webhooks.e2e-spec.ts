import { INestApplication } from '@nestjs/common';
import { createApp } from '../src/app.factory';
import { AppConfig } from '../src/config/config';
import { verifySignature } from '../src/integrations/webhooks/webhook-signature';
import { createArticle } from './support/articles';
import { eventually } from './support/eventually';
import { addOrganizationMember, createOrganization, registerUser, TestUser, verifyEmail } from './support/factories';
import { describeApp, ok, onServer, refused, TestApp, testConfig } from './support/harness';
import { useMailbox } from './support/mailbox';
import { WebhookReceiver } from './support/webhook-receiver';
import { addWorkspaceMember } from './support/world';

// The partners' receiver starts before the app, which is told it may reach it, and stops after it.
let receiver: WebhookReceiver;
beforeAll(async () => (receiver = await WebhookReceiver.start()));
afterAll(() => receiver.stop());
const mailbox = useMailbox();

const MAX_ATTEMPTS = 2;
const DISABLE_AFTER = 2;
const settings = () => ({
  WEBHOOK_ALLOW_HOSTS: receiver.host,
  WEBHOOK_POLL_MS: '50',
  WEBHOOK_RETRY_BASE_MS: '20',
  WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
  WEBHOOK_DISABLE_AFTER: String(DISABLE_AFTER),
});

const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { id url events workspaceId signingSecret disabledAt } }`;
const ENDPOINTS = `query($organizationId: ID!) { webhookEndpoints(organizationId: $organizationId) { edges { node { id signingSecret disabledAt disabledReason consecutiveFailures } } } }`;
const DELIVERIES = `query($webhookEndpointId: ID!) { webhookDeliveries(webhookEndpointId: $webhookEndpointId) { edges { node { eventId kind state attempts responseStatus lastError deliveredAt } } } }`;
const NOTICES = `{ notifications(first: 50) { edges { node { kind resourceId message { en fr } } } } }`;
const nowSeconds = () => Math.floor(Date.now() / 1000);
/** What the audit trail kept of an endpoint, oldest first. */
const auditOf = async (app: TestApp, endpointId: string) =>
  app.dataSource.query(`SELECT action, details FROM audit_event WHERE resource_type = 'webhook_endpoint' AND resource_id = $1 ORDER BY created_at, action`, [endpointId]);

describeApp('webhooks: signed, retried, disabled when they keep failing, never more than the organization may see', { world: true, env: settings }, ({ app, world }) => {
  let paths = 0;

  /** An endpoint of `organizationId` on a path of its own, answering with `respond(nth request)`. */
  async function endpoint(admin: TestUser, organizationId: string, events: string[], respond?: (nth: number) => number | Promise<number>) {
    const path = `/hook-${paths++}`;
    if (respond) receiver.responders.set(path, respond);
    const created = ok(await app.graphql(CREATE, { input: { organizationId, url: receiver.url(path), events } }, { token: admin.token })).createWebhookEndpoint;
    return { ...created, path } as { id: string; signingSecret: string; path: string };
  }

  const deliveriesOf = async (admin: TestUser, webhookEndpointId: string) =>
    ok(await app.graphql(DELIVERIES, { webhookEndpointId }, { token: admin.token })).webhookDeliveries.edges.map((edge: any) => edge.node);
  /** Endpoint `id` as the list of `organizationId`'s endpoints shows it to `admin`. */
  const endpointOf = async (admin: TestUser, organizationId: string, id: string) =>
    ok(await app.graphql(ENDPOINTS, { organizationId }, { token: admin.token })).webhookEndpoints.edges.map((edge: any) => edge.node).find((node: any) => node.id === id);

  /** An audited change of the workspace: a new colleague of the host joins it. */
  async function newWorkspaceMember() {
    const colleague = await registerUser(app);
    await addOrganizationMember(app, world.hostAdmin, world.host, colleague);
    await addWorkspaceMember(app, world.hostAdmin, world.workspace, colleague, world.host, 'OBSERVER');
    return colleague;
  }

  describe('registering an endpoint', () => {
    it('shows the signing secret once, to an admin of the organization', async () => {
      const created = await endpoint(world.hostAdmin, world.host.id, ['workspace.member.added']);
      expect(created.signingSecret).toMatch(/^whsec_/);
      expect(await endpointOf(world.hostAdmin, world.host.id, created.id)).toMatchObject({ signingSecret: null, disabledAt: null, consecutiveFailures: 0 });
    });

    it('refuses a member who is not an admin, and shows them no endpoint', async () => {
      const input = { organizationId: world.host.id, url: receiver.url('/not-an-admin'), events: ['article.created'] };
      refused(await app.graphql(CREATE, { input }, { token: world.people.EDITOR.token }), 'FORBIDDEN');
      refused(await app.graphql(ENDPOINTS, { organizationId: world.host.id }, { token: world.people.EDITOR.token }), 'FORBIDDEN');
    });

    it.each([
      ['a private address', 'http://10.0.0.7/hook'],
      ['loopback on a port not allowed', 'http://127.0.0.1:1/hook'],
      ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data'],
      ['another scheme', 'ftp://hooks.example.ca/'],
      ['credentials in the URL', 'https://user:secret@hooks.example.ca/'],
    ])('refuses %s (BAD_USER_INPUT on url)', async (_case, url) => {
      const response = await app.graphql(CREATE, { input: { organizationId: world.host.id, url, events: ['article.created'] } }, { token: world.hostAdmin.token });
      expect(refused(response, 'BAD_USER_INPUT').extensions.fields.map((each: any) => each.field)).toEqual(['url']);
    });

    it('refuses unknown and personal event kinds (BAD_USER_INPUT on events), and a workspace the organization is not in', async () => {
      for (const events of [['article.nothing'], ['notification.created']]) {
        const response = await app.graphql(CREATE, { input: { organizationId: world.host.id, url: receiver.url('/kinds'), events } }, { token: world.hostAdmin.token });
        expect(refused(response, 'BAD_USER_INPUT').extensions.fields.map((each: any) => each.field)).toEqual(['events']);
      }
      const elsewhere = { organizationId: world.outsiderOrganization.id, url: receiver.url('/elsewhere'), events: ['article.created'], workspaceId: world.workspace.id };
      refused(await app.graphql(CREATE, { input: elsewhere }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
    });
  });

  describe('delivering', () => {
    it('POSTs each event after it commits, signed over the timestamp and the raw body, and records the delivery', async () => {
      const hook = await endpoint(world.hostAdmin, world.host.id, ['workspace.member.added']);
      const colleague = await newWorkspaceMember();

      await eventually(async () => receiver.at(hook.path).length > 0, 'delivered');
      const [delivery] = receiver.at(hook.path);
      const signature = String(delivery.headers['tandem-signature']);
      expect(verifySignature(hook.signingSecret, signature, delivery.body, nowSeconds())).toBe(true);
      expect(verifySignature('whsec_another', signature, delivery.body, nowSeconds())).toBe(false);
      const payload = JSON.parse(delivery.body);
      expect(payload).toMatchObject({ kind: 'workspace.member.added', workspaceId: world.workspace.id, actorId: world.hostAdmin.id, resource: { type: 'workspace_member' } });
      expect(delivery.body).not.toContain(colleague.email);
      expect(delivery.headers['tandem-event-id']).toBe(payload.id);
      await eventually(async () => (await deliveriesOf(world.hostAdmin, hook.id))[0]?.state === 'DELIVERED', 'recorded as delivered');
      expect((await deliveriesOf(world.hostAdmin, hook.id))[0]).toMatchObject({ eventId: payload.id, kind: 'workspace.member.added', attempts: 1, responseStatus: 200, lastError: null });
    });

    onServer('sends nothing that happened before the endpoint was created, however late it is planned', async () => {
      // A transaction still running holds the stream back: what happens meanwhile is planned later.
      const running = app.dataSource.createQueryRunner();
      await running.startTransaction();
      let hook: Awaited<ReturnType<typeof endpoint>>;
      try {
        await running.query(`SELECT pg_current_xact_id()`);
        await newWorkspaceMember();
        hook = await endpoint(world.hostAdmin, world.host.id, ['workspace.member.added']);
        await newWorkspaceMember();
        await running.commitTransaction();
      } finally {
        await running.release();
      }
      // Both events are planned in stream order: once the later one's delivery exists, the earlier one is planned.
      await eventually(async () => (await deliveriesOf(world.hostAdmin, hook.id)).length > 0, 'the later event planned');
      expect(await deliveriesOf(world.hostAdmin, hook.id)).toHaveLength(1);
    });

    it('sends only the kinds asked for', async () => {
      const hook = await endpoint(world.hostAdmin, world.host.id, ['article.published']);
      const marker = await endpoint(world.hostAdmin, world.host.id, ['workspace.member.added']);
      await newWorkspaceMember();
      // An event's deliveries are planned together: once the marker's exists, the hook's would too.
      await eventually(async () => (await deliveriesOf(world.hostAdmin, marker.id)).length > 0, 'the event planned');
      expect(await deliveriesOf(world.hostAdmin, hook.id)).toEqual([]);
    });

    it("keeps an endpoint of one workspace to that workspace's events", async () => {
      const other = ok(
        await app.graphql(`mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`, {
          input: { hostOrganizationId: world.host.id, slug: `other-${paths}`, name: { fr: 'Autre', en: 'Other' } },
        }, { token: world.hostAdmin.token }),
      ).createWorkspace;
      const scoped = ok(
        await app.graphql(CREATE, { input: { organizationId: world.host.id, url: receiver.url(`/scoped-${paths++}`), events: ['workspace.member.added'], workspaceId: other.id } }, { token: world.hostAdmin.token }),
      ).createWebhookEndpoint;
      const marker = await endpoint(world.hostAdmin, world.host.id, ['workspace.member.added']);
      await newWorkspaceMember();
      await eventually(async () => (await deliveriesOf(world.hostAdmin, marker.id)).length > 0, 'the event planned');
      expect(await deliveriesOf(world.hostAdmin, scoped.id)).toEqual([]);
    });

    it('tries again after a 500, with the same event id and body, until the receiver takes it', async () => {
      const hook = await endpoint(world.hostAdmin, world.host.id, ['workspace.member.added'], (nth) => (nth === 1 ? 500 : 200));
      await newWorkspaceMember();

      await eventually(async () => (await deliveriesOf(world.hostAdmin, hook.id))[0]?.state === 'DELIVERED', 'delivered on the second attempt');
      const attempts = receiver.at(hook.path);
      expect(attempts).toHaveLength(2);
      expect(new Set(attempts.map((attempt) => attempt.headers['tandem-event-id'])).size).toBe(1);
      expect(new Set(attempts.map((attempt) => attempt.body)).size).toBe(1);
      expect((await deliveriesOf(world.hostAdmin, hook.id))[0]).toMatchObject({ attempts: 2, responseStatus: 200 });
    });

    it("disables an endpoint after repeated failures, tells the organization's admins, and sends it nothing more", async () => {
      const hook = await endpoint(world.hostAdmin, world.host.id, ['workspace.member.added'], () => 503);
      // DISABLE_AFTER events, each failing all its attempts.
      for (let event = 0; event < DISABLE_AFTER; event++) await newWorkspaceMember();

      await eventually(async () => (await endpointOf(world.hostAdmin, world.host.id, hook.id))?.disabledAt !== null, 'disabled');
      const disabled = await endpointOf(world.hostAdmin, world.host.id, hook.id);
      expect(disabled.disabledReason).toMatch(/deliveries in a row failed every attempt/);
      expect(receiver.at(hook.path)).toHaveLength(DISABLE_AFTER * MAX_ATTEMPTS);
      expect((await deliveriesOf(world.hostAdmin, hook.id)).map((delivery: any) => delivery.state)).toEqual(Array(DISABLE_AFTER).fill('FAILED'));
      const notices = ok(await app.graphql(NOTICES, {}, { token: world.hostAdmin.token })).notifications.edges.map((edge: any) => edge.node);
      expect(notices).toContainEqual(expect.objectContaining({ kind: 'integration.webhook_disabled', resourceId: hook.id }));

      const marker = await endpoint(world.hostAdmin, world.host.id, ['workspace.member.added']);
      await newWorkspaceMember();
      await eventually(async () => (await deliveriesOf(world.hostAdmin, marker.id)).length > 0, 'a later event planned');
      expect(await deliveriesOf(world.hostAdmin, hook.id)).toHaveLength(DISABLE_AFTER);
    });

    it('sends again once enabled, from the next event on: nothing of what happened while it was disabled', async () => {
      let healthy = false;
      const hook = await endpoint(world.hostAdmin, world.host.id, ['workspace.member.added'], () => (healthy ? 200 : 503));
      for (let event = 0; event < DISABLE_AFTER; event++) await newWorkspaceMember();
      await eventually(async () => (await endpointOf(world.hostAdmin, world.host.id, hook.id))?.disabledAt !== null, 'disabled');
      const marker = await endpoint(world.hostAdmin, world.host.id, ['workspace.member.added']);
      await newWorkspaceMember();
      await eventually(async () => (await deliveriesOf(world.hostAdmin, marker.id)).length > 0, 'an event planned while disabled');

      healthy = true;
      const ENABLE = `mutation($input: WebhookEndpointInput!) { enableWebhookEndpoint(input: $input) { disabledAt consecutiveFailures createdAt eventsSince } }`;
      const enabled = ok(await app.graphql(ENABLE, { input: { webhookEndpointId: hook.id } }, { token: world.hostAdmin.token })).enableWebhookEndpoint;
      expect(enabled).toMatchObject({ disabledAt: null, consecutiveFailures: 0 });
      expect(Date.parse(enabled.eventsSince)).toBeGreaterThan(Date.parse(enabled.createdAt));
      await newWorkspaceMember();

      await eventually(async () => (await deliveriesOf(world.hostAdmin, hook.id))[0]?.state === 'DELIVERED', 'the next event delivered');
      expect((await deliveriesOf(world.hostAdmin, hook.id)).map((delivery: any) => delivery.state)).toEqual(['DELIVERED', ...Array(DISABLE_AFTER).fill('FAILED')]);
    });

    it('fails a delivery for good after its last attempt', async () => {
      const hook = await endpoint(world.partnerAdmin, world.partner.id, ['workspace.member.added'], () => 500);
      await newWorkspaceMember();
      await eventually(async () => (await deliveriesOf(world.partnerAdmin, hook.id))[0]?.state === 'FAILED', 'failed for good');
      expect((await deliveriesOf(world.partnerAdmin, hook.id))[0]).toMatchObject({ attempts: MAX_ATTEMPTS, responseStatus: 500 });
      expect(receiver.at(hook.path)).toHaveLength(MAX_ATTEMPTS);
      expect(await endpointOf(world.partnerAdmin, world.partner.id, hook.id)).toMatchObject({ disabledAt: null, consecutiveFailures: 1 });
    });
  });

  describe('what an organization may see', () => {
    it("never sends a partner an internal (ORGANIZATION) article of the host, and sends it the workspace's", async () => {
      const partnerHook = await endpoint(world.partnerAdmin, world.partner.id, ['article.created']);
      const hostHook = await endpoint(world.hostAdmin, world.host.id, ['article.created']);
      const internal = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id, 'ORGANIZATION');
      const shared = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id, 'WORKSPACE');

      const settled = async (admin: TestUser, id: string) => (await deliveriesOf(admin, id)).filter((delivery: any) => ['DELIVERED', 'WITHHELD'].includes(delivery.state)).length === 2;
      await eventually(async () => (await settled(world.hostAdmin, hostHook.id)) && (await settled(world.partnerAdmin, partnerHook.id)), 'both settled');
      const articlesOf = (path: string) => receiver.at(path).map((delivery) => JSON.parse(delivery.body).articleId);
      expect(articlesOf(hostHook.path).sort()).toEqual([internal, shared].sort());
      expect(articlesOf(partnerHook.path)).toEqual([shared]);
      expect(receiver.at(partnerHook.path).map((delivery) => delivery.body).join()).not.toContain(internal);
    });

    it('withholds a retry about an article that became internal since the event', async () => {
      // The first attempt is answered 500 only once the article has become internal.
      let answerFirst!: (status: number) => void;
      const firstAnswer = new Promise<number>((answer) => (answerFirst = answer));
      const partnerHook = await endpoint(world.partnerAdmin, world.partner.id, ['article.created'], (nth) => (nth === 1 ? firstAnswer : 200));
      const article = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id, 'WORKSPACE');
      await eventually(async () => receiver.at(partnerHook.path).length === 1, 'the first attempt made');
      ok(
        await app.graphql(`mutation($input: ChangeArticleVisibilityInput!) { changeArticleVisibility(input: $input) { visibility } }`, { input: { articleId: article, visibility: 'ORGANIZATION' } }, {
          token: world.people.EDITOR.token,
        }),
      );
      answerFirst(500);

      await eventually(async () => (await deliveriesOf(world.partnerAdmin, partnerHook.id))[0]?.state === 'WITHHELD', 'withheld');
      expect(receiver.at(partnerHook.path)).toHaveLength(1);
    });

    it('withholds a retry once the organization has left the workspace, and plans it nothing after', async () => {
      let answerFirst!: (status: number) => void;
      const firstAnswer = new Promise<number>((answer) => (answerFirst = answer));
      const partnerHook = await endpoint(world.partnerAdmin, world.partner.id, ['workspace.member.added'], (nth) => (nth === 1 ? firstAnswer : 200));
      await newWorkspaceMember();
      await eventually(async () => receiver.at(partnerHook.path).length === 1, 'the first attempt made');
      ok(
        await app.graphql(`mutation($input: WorkspaceOrganizationInput!) { leaveWorkspace(input: $input) { status } }`, { input: { workspaceId: world.workspace.id, organizationId: world.partner.id } }, {
          token: world.partnerAdmin.token,
        }),
      );
      answerFirst(500);
      await eventually(async () => (await deliveriesOf(world.partnerAdmin, partnerHook.id))[0]?.state === 'WITHHELD', 'withheld');
      expect(receiver.at(partnerHook.path)).toHaveLength(1);

      const marker = await endpoint(world.hostAdmin, world.host.id, ['workspace.member.added']);
      await newWorkspaceMember();
      await eventually(async () => (await deliveriesOf(world.hostAdmin, marker.id)).length > 0, 'the host told');
      expect(await deliveriesOf(world.partnerAdmin, partnerHook.id)).toHaveLength(1);
    });
  });
});

describeApp(
  'webhooks: who hears that an endpoint was disabled',
  { env: () => ({ ...settings(), ...mailbox.env, WEBHOOK_MAX_ATTEMPTS: '1', WEBHOOK_DISABLE_AFTER: '1', MAIL_POLL_MS: '100', MAIL_RETRY_BASE_SECONDS: '1' }) },
  ({ app }) => {
    const admin = async (owner: TestUser, organization: { id: string; slug: string }) => {
      const user = await verifyEmail(app, await registerUser(app), mailbox);
      await addOrganizationMember(app, owner, organization, user, 'ADMIN', mailbox);
      ok(await app.graphql(`mutation($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { delivery } }`, { input: { kind: 'integration.webhook_disabled', delivery: 'IMMEDIATE' } }, { token: user.token }));
      return user;
    };
    const remove = async (owner: TestUser, organizationId: string, user: TestUser) =>
      ok(await app.graphql(`mutation($input: RemoveOrganizationMemberInput!) { removeOrganizationMember(input: $input) }`, { input: { organizationId, userId: user.id } }, { token: owner.token }));
    const disabledNoticesOf = async (user: TestUser) =>
      ok(await app.graphql(NOTICES, {}, { token: user.token })).notifications.edges.map((edge: any) => edge.node).filter((notice: any) => notice.kind === 'integration.webhook_disabled');

    it('tells the admins of the organization now, by the endpoint’s host, never its secret path: not its creator once gone, nor an admin who left before the mail was built', async () => {
      const owner = await verifyEmail(app, await registerUser(app), mailbox);
      const organization = await createOrganization(app, owner);
      const [creator, staying, leaving] = [await admin(owner, organization), await admin(owner, organization), await admin(owner, organization)];
      const secret = '/hooks/T000/B000/XXXXSECRETXXXX';
      receiver.responders.set(secret, () => 500);
      const hook = ok(await app.graphql(CREATE, { input: { organizationId: organization.id, url: receiver.url(secret), events: ['organization.member.joined'] } }, { token: creator.token })).createWebhookEndpoint;
      await remove(owner, organization.id, creator);

      // The leaving admin's server answers "try again later": the retry builds the message anew, once they have left.
      let offered = false;
      mailbox.gatekeeper = ({ to, subject }) => {
        if (!to.includes(leaving.email.toLowerCase()) || !subject.includes('webhook')) return;
        offered = true;
        return { code: 451, message: 'Try again later' };
      };
      // An event of the organization, which the endpoint fails: it is disabled.
      await addOrganizationMember(app, owner, organization, await registerUser(app), 'MEMBER', mailbox);
      await eventually(async () => offered, 'the leaving admin’s message offered');
      await remove(owner, organization.id, leaving);
      mailbox.gatekeeper = () => undefined;

      const mail = await mailbox.next({ to: staying.email, subject: 'webhook' });
      expect(mail.subject).toBe(`The webhook to ${receiver.host} was disabled after repeated failed deliveries; re-enable it once the receiver answers again.`);
      expect(`${mail.text}${mail.html}`).not.toContain('SECRET');
      expect((await disabledNoticesOf(owner)).map((notice: any) => notice.resourceId)).toEqual([hook.id]);
      const leavingMail = async () =>
        (await app.dataSource.query(`SELECT state FROM outbound_message WHERE user_id = $1 AND template = 'notification.immediate'`, [leaving.id]))[0]?.state;
      await eventually(async () => (await leavingMail()) === 'cancelled', 'the leaving admin’s message cancelled at its retry');
      expect(mailbox.messagesTo(leaving.email).filter((received) => received.subject.includes('webhook'))).toEqual([]);
      expect(await disabledNoticesOf(creator)).toEqual([]);
      expect(mailbox.messagesTo(creator.email).filter((received) => received.subject.includes('webhook'))).toEqual([]);
      // The audit trail, which outlives the endpoint, names it by its host too.
      expect(await auditOf(app, hook.id)).toEqual([
        { action: 'webhook_endpoint.created', details: { host: receiver.host } },
        { action: 'webhook_endpoint.disabled', details: { host: receiver.host } },
      ]);
    });
  },
);

// Two API processes on one database need a PostgreSQL server: the embedded one serves one process.
const describeWithServer = process.env.DATABASE_URL ? describeApp : describeApp.skip;

describeWithServer(
  'webhooks: two API processes sending to one receiver',
  // A held request must outlast the test's wait, not time out: 60 s to answer.
  { env: () => ({ ...settings(), REDIS_URL: '', WEBHOOK_TIMEOUT_MS: '60000' }) },
  ({ app }) => {
    let other: INestApplication | undefined;
    afterAll(() => other?.close());

    it('never has more than two deliveries of one endpoint open at once, whichever process sends them', async () => {
      // A second API process on the same database, as a deployment has behind its load balancer.
      const url = (app.dataSource.options as { url: string }).url;
      other = await createApp(testConfig({ TANDEM_DATA_DIR: 'memory://', DATABASE_URL: url, JWT_SECRET: app.app.get(AppConfig).jwtSecret, ...settings(), REDIS_URL: '', WEBHOOK_TIMEOUT_MS: '60000' }));

      // The receiver holds every request open until the test lets it through, counting those open.
      const path = '/hanging';
      let open = 0;
      let most = 0;
      const held: (() => void)[] = [];
      receiver.responders.set(path, () => {
        most = Math.max(most, ++open);
        return new Promise<number>((answer) => held.push(() => (open--, answer(200))));
      });
      const owner = await registerUser(app);
      const organization = await createOrganization(app, owner);
      const hook = ok(await app.graphql(CREATE, { input: { organizationId: organization.id, url: receiver.url(path), events: ['organization.member.joined'] } }, { token: owner.token })).createWebhookEndpoint;
      const states = async () => ok(await app.graphql(DELIVERIES, { webhookEndpointId: hook.id }, { token: owner.token })).webhookDeliveries.edges.map((edge: any) => edge.node.state);
      // A marker of another organization, answered at once, shows that a sender claimed after the hanging endpoint's deliveries were due.
      const markerOwner = await registerUser(app);
      const markerOrganization = await createOrganization(app, markerOwner);
      ok(await app.graphql(CREATE, { input: { organizationId: markerOrganization.id, url: receiver.url('/marker'), events: ['organization.member.joined'] } }, { token: markerOwner.token }));

      const EVENTS = 6;
      try {
        // A transaction still running holds the stream back: the events are planned in one batch, all due together.
        const running = app.dataSource.createQueryRunner();
        await running.startTransaction();
        try {
          await running.query(`SELECT pg_current_xact_id()`);
          for (let event = 0; event < EVENTS; event++) await addOrganizationMember(app, owner, organization, await registerUser(app));
          await running.commitTransaction();
        } finally {
          await running.release();
        }
        // One sender claims two and hangs on them; the other one is free, and claims again for the marker's event.
        await eventually(async () => open === 2, 'two requests held');
        await addOrganizationMember(app, markerOwner, markerOrganization, await registerUser(app));
        await eventually(async () => receiver.at('/marker').length > 0 || most > 2, 'the marker delivered');
        expect(most).toBe(2);
        expect(receiver.at(path)).toHaveLength(2);

        // Let through one at a time, every delivery arrives, never more than two at once.
        await eventually(async () => {
          held.shift()?.();
          const now = await states();
          return now.length === EVENTS && now.every((state: string) => state === 'DELIVERED');
        }, 'every delivery made');
        expect(most).toBe(2);
        expect(receiver.at(path)).toHaveLength(EVENTS);
      } finally {
        receiver.responders.set(path, () => 200);
        for (const release of held.splice(0)) release();
      }
    });
  },
);

describeApp(
  'webhooks: what was written before endpoints were named by their host only',
  // Its mail is refused until the upgrade: retried every few seconds meanwhile, never out of attempts.
  { env: () => ({ ...settings(), ...mailbox.env, WEBHOOK_MAX_ATTEMPTS: '1', WEBHOOK_DISABLE_AFTER: '1', MAIL_POLL_MS: '100', MAIL_RETRY_BASE_SECONDS: '1', MAIL_MAX_ATTEMPTS: '20' }) },
  ({ app }) => {
    afterEach(() => {
      mailbox.gatekeeper = () => undefined;
    });
    /** What a notice said until it named the host only (before commit afeb1e1), with the whole URL. */
    const oldWording = (url: string) => ({
      en: `The webhook ${url} was disabled after repeated failed deliveries; re-enable it once the receiver answers again.`,
      fr: `Le webhook ${url} a été désactivé après des échecs de livraison répétés; réactivez-le quand le destinataire répondra de nouveau.`,
    });
    const wording = (host: string) => ({
      en: `The webhook to ${host} was disabled after repeated failed deliveries; re-enable it once the receiver answers again.`,
      fr: `Le webhook vers ${host} a été désactivé après des échecs de livraison répétés; réactivez-le quand le destinataire répondra de nouveau.`,
    });
    const disabledNoticesOf = async (user: TestUser) =>
      ok(await app.graphql(NOTICES, {}, { token: user.token })).notifications.edges.map((edge: any) => edge.node).filter((notice: any) => notice.kind === 'integration.webhook_disabled');

    it('notices are reworded at start-up by the migration to name the host only, as a new one is, and the mail still waiting for one is sent so', async () => {
      const admin = await verifyEmail(app, await registerUser(app), mailbox);
      const organization = await createOrganization(app, admin);
      ok(await app.graphql(`mutation($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { delivery } }`, { input: { kind: 'integration.webhook_disabled', delivery: 'IMMEDIATE' } }, { token: admin.token }));
      const secret = '/services/T111/B111/OLDSECRETPATH';
      receiver.responders.set(secret, () => 500);
      const hook = ok(await app.graphql(CREATE, { input: { organizationId: organization.id, url: receiver.url(secret), events: ['organization.member.joined'] } }, { token: admin.token })).createWebhookEndpoint;

      // The admin's server answers "try again later" until the upgrade: the notice's mail waits in the outbox.
      let offered = false;
      let refusing = true;
      mailbox.gatekeeper = ({ to, subject }) => {
        if (!to.includes(admin.email.toLowerCase()) || !subject.includes('webhook')) return;
        offered = true;
        return refusing ? { code: 451, message: 'Try again later' } : undefined;
      };
      await addOrganizationMember(app, admin, organization, await registerUser(app), 'MEMBER', mailbox);
      await eventually(async () => offered, 'the notice’s mail offered');

      // The notices of a database from before: this one as it was then worded, one of an endpoint
      // deleted since whose URL was typed with capitals and the default port, and one already by host.
      const typed = 'HTTPS://Hooks.Example.CA:443/services/T222/B222/DELETEDSECRET';
      await app.dataSource.query(`UPDATE notification SET message_en = $2, message_fr = $3 WHERE kind = 'integration.webhook_disabled' AND resource_id = $1`, [
        hook.id,
        oldWording(receiver.url(secret)).en,
        oldWording(receiver.url(secret)).fr,
      ]);
      const insert = (resourceId: string, message: { en: string; fr: string }) =>
        app.dataSource.query(
          `INSERT INTO notification (user_id, kind, organization_id, resource_type, resource_id, message_en, message_fr) VALUES ($1, 'integration.webhook_disabled', $2, 'webhook_endpoint', $3, $4, $5)`,
          [admin.id, organization.id, resourceId, message.en, message.fr],
        );
      const [deleted, reworded] = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
      await insert(deleted, oldWording(typed));
      await insert(reworded, wording('hooks.elsewhere.example'));
      expect(JSON.stringify(await disabledNoticesOf(admin))).toContain('SECRET');

      // The migration pending again, as on that database, the app restarts: its start-up runs it.
      await app.dataSource.query(`DELETE FROM migrations WHERE name = 'WebhookDisabledNoticeHost1764890000000'`);
      await app.restart();
      refusing = false;

      const byEndpoint = new Map((await disabledNoticesOf(admin)).map((notice: any) => [notice.resourceId, notice.message]));
      expect(byEndpoint).toEqual(
        new Map([
          [hook.id, wording(receiver.host)],
          [deleted, wording('hooks.example.ca')],
          [reworded, wording('hooks.elsewhere.example')],
        ]),
      );
      // The mail is built from the notice when it is sent: it names the host only too.
      const mail = await mailbox.next({ to: admin.email, subject: 'webhook' });
      expect(mail.subject).toBe(wording(receiver.host).en);
      expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain('SECRET');
    });

    it('audit events keep the host only once the migration has run at start-up, of an endpoint deleted since too', async () => {
      const admin = await registerUser(app);
      const organization = await createOrganization(app, admin);
      const hook = ok(await app.graphql(CREATE, { input: { organizationId: organization.id, url: receiver.url('/services/T333/B333/AUDITSECRET'), events: ['organization.member.joined'] } }, { token: admin.token })).createWebhookEndpoint;
      ok(await app.graphql(`mutation($input: WebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) }`, { input: { webhookEndpointId: hook.id } }, { token: admin.token }));
      // As the events of that endpoint were written before: with the whole URL, as typed.
      const typed = 'HTTPS://Hooks.Example.CA:443/services/T333/B333/AUDITSECRET';
      await app.dataSource.query(`UPDATE audit_event SET details = jsonb_build_object('url', $2::text) WHERE resource_id = $1`, [hook.id, typed]);

      await app.dataSource.query(`DELETE FROM migrations WHERE name = 'WebhookAuditHost1764900000000'`);
      await app.restart();

      expect(await auditOf(app, hook.id)).toEqual([
        { action: 'webhook_endpoint.created', details: { host: 'hooks.example.ca' } },
        { action: 'webhook_endpoint.deleted', details: { host: 'hooks.example.ca' } },
      ]);
    });
  },
);
