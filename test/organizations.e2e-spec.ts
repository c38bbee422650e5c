import { addOrganizationMember, createOrganization, registerUser, TestUser } from './support/factories';
import { ok, refused, TestApp } from './support/harness';

const CREATE = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id slug name { fr en } acronym { fr en } jurisdiction region emailDomains } }`;
const UPDATE = `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { name { fr en } region } }`;
const INVITE = `mutation($input: InviteToOrganizationInput!) { inviteToOrganization(input: $input) { id token expiresAt email role } }`;
const ACCEPT = `mutation($input: AcceptOrganizationInvitationInput!) { acceptOrganizationInvitation(input: $input) { role organization { slug } user { id } } }`;
const REQUEST = `mutation($input: OrganizationIdInput!) { requestToJoinOrganization(input: $input) { id status } }`;
const DECIDE = `mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { status decidedAt } }`;
const CHANGE_ROLE = `mutation($input: ChangeOrganizationRoleInput!) { changeOrganizationRole(input: $input) { role } }`;
const REMOVE = `mutation($input: RemoveOrganizationMemberInput!) { removeOrganizationMember(input: $input) }`;
const MEMBERS = `query($slug: String!) { organization(slug: $slug) { members(first: 50) { totalCount edges { node { role user { id } } } } } }`;

describe('organizations', () => {
  let app: TestApp;
  let admin: TestUser;
  let organization: { id: string; slug: string };

  beforeAll(async () => {
    app = await TestApp.start();
    admin = await registerUser(app, { domain: 'egouv.quebec' });
    organization = await createOrganization(app, admin, {
      slug: 'egouv-quebec',
      name: { fr: 'E-Gouv Québec', en: 'E-Gouv Quebec' },
      jurisdiction: 'PROVINCIAL',
      region: 'ca-qc',
      emailDomains: ['EGOUV.quebec', 'egouv.quebec'],
    });
  });
  afterAll(() => app.stop());

  const memberIds = async (viewer: TestUser) =>
    ok(await app.graphql(MEMBERS, { slug: organization.slug }, { token: viewer.token })).organization.members.edges.map((edge: any) => edge.node.user.id);

  describe('creating', () => {
    it('makes the creator its admin and normalizes region and domains', async () => {
      const data = ok(await app.graphql(`query { organization(slug: "egouv-quebec") { region emailDomains jurisdiction } me { memberships { role organization { slug } } } }`, {}, { token: admin.token }));
      expect(data.organization).toEqual({ region: 'CA-QC', emailDomains: ['egouv.quebec'], jurisdiction: 'PROVINCIAL' });
      expect(data.me.memberships).toEqual([{ role: 'ADMIN', organization: { slug: 'egouv-quebec' } }]);
    });

    it('refuses a slug already taken', async () => {
      refused(
        await app.graphql(CREATE, { input: { slug: 'egouv-quebec', name: { fr: 'Autre', en: 'Other' }, jurisdiction: 'MUNICIPAL' } }, { token: admin.token }),
        'CONFLICT',
      );
    });

    it.each([
      ['an unknown region', { region: 'CA-XX' }, 'region'],
      ['a region outside Canada', { region: 'US-NY' }, 'region'],
      ['a slug with spaces', { slug: 'not a slug' }, 'slug'],
      ['a name missing its English', { name: { fr: 'Seulement français' } }, null],
      ['a blank French name', { name: { fr: '  ', en: 'Name' } }, 'name.fr'],
      ['a malformed e-mail domain', { emailDomains: ['not a domain'] }, 'emailDomains'],
    ])('refuses %s', async (_, change, field) => {
      const input = { slug: 'valid-slug', name: { fr: 'Nom', en: 'Name' }, jurisdiction: 'MUNICIPAL', ...change };
      const error = refused(await app.graphql(CREATE, { input }, { token: admin.token }), 'BAD_USER_INPUT');
      if (field) expect(error.extensions.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(ok(await app.graphql(`{ organization(slug: "valid-slug") { id } }`, {}, { token: admin.token })).organization).toBeNull();
    });
  });

  describe('the directory', () => {
    beforeAll(async () => {
      const other = await registerUser(app);
      await createOrganization(app, other, { slug: 'cco-bcc', name: { fr: 'Bureau de la communauté des communications', en: 'Communications Community Office' }, acronym: { fr: 'BCC', en: 'CCO' }, jurisdiction: 'FEDERAL' });
      await createOrganization(app, other, { slug: 'ville-de-montreal', name: { fr: 'Ville de Montréal', en: 'City of Montréal' }, jurisdiction: 'MUNICIPAL', region: 'CA-QC' });
    });
    const search = async (args: string) =>
      ok(await app.graphql(`{ organizations(first: 100, ${args}) { edges { node { slug } } } }`, {}, { token: admin.token })).organizations.edges.map((edge: any) => edge.node.slug);

    it('finds organizations by words of either name, with or without accents, and by acronym', async () => {
      expect(await search('search: "quebec"')).toEqual(['egouv-quebec']);
      expect(await search('search: "QUÉBEC"')).toEqual(['egouv-quebec']);
      expect(await search('search: "montreal"')).toEqual(['ville-de-montreal']);
      expect(await search('search: "communauté"')).toEqual(['cco-bcc']);
      expect(await search('search: "community office"')).toEqual(['cco-bcc']);
      expect(await search('search: "cco"')).toEqual(['cco-bcc']);
      expect(await search('search: "bcc"')).toEqual(['cco-bcc']);
      expect(await search('search: "comm"')).toEqual(['cco-bcc']);
      expect(await search('search: "zzz"')).toEqual([]);
      expect(await search('search: "!:*&|"')).toContain('cco-bcc');
    });

    it('filters by jurisdiction', async () => {
      expect(await search('jurisdiction: MUNICIPAL')).toEqual(['ville-de-montreal']);
      expect(await search('jurisdiction: FEDERAL, search: "montreal"')).toEqual([]);
    });

    it('pages through every organization exactly once', async () => {
      const user = await registerUser(app);
      for (let i = 0; i < 5; i++) await createOrganization(app, user, { slug: `paging-${i}`, jurisdiction: 'INDIGENOUS' });
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: any = ok(
          await app.graphql(`query($after: String) { organizations(first: 2, after: $after, jurisdiction: INDIGENOUS) { totalCount edges { node { slug } } pageInfo { hasNextPage endCursor } } }`, { after }, { token: admin.token }),
        ).organizations;
        expect(page.totalCount).toBe(5);
        seen.push(...page.edges.map((edge: any) => edge.node.slug));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(['paging-0', 'paging-1', 'paging-2', 'paging-3', 'paging-4']);
      refused(await app.graphql(`{ organizations(after: "garbage") { totalCount } }`, {}, { token: admin.token }), 'BAD_USER_INPUT');
      refused(await app.graphql(`{ organizations(first: 101) { totalCount } }`, {}, { token: admin.token }), 'BAD_USER_INPUT');
    });
  });

  describe('admins manage, members read', () => {
    it('lets the admin update the organization, and not a member', async () => {
      const member = await registerUser(app);
      await addOrganizationMember(app, admin, organization, member);
      refused(await app.graphql(UPDATE, { input: { organizationId: organization.id, region: 'CA-ON' } }, { token: member.token }), 'FORBIDDEN');
      const unchanged = ok(await app.graphql(`{ organization(slug: "egouv-quebec") { region } }`, {}, { token: member.token }));
      expect(unchanged.organization.region).toBe('CA-QC');
      refused(await app.graphql(UPDATE, { input: { organizationId: organization.id, region: 'CA-ZZ' } }, { token: admin.token }), 'BAD_USER_INPUT');
      const updated = ok(await app.graphql(UPDATE, { input: { organizationId: organization.id, name: { fr: 'E-Gouv Québec', en: 'E-Gov Quebec' } } }, { token: admin.token }));
      expect(updated.updateOrganization).toEqual({ name: { fr: 'E-Gouv Québec', en: 'E-Gov Quebec' }, region: 'CA-QC' });
    });

    it('shows the member list to members only', async () => {
      const stranger = await registerUser(app);
      refused(await app.graphql(MEMBERS, { slug: organization.slug }, { token: stranger.token }), 'FORBIDDEN');
      expect(await memberIds(admin)).toContain(admin.id);
    });

    it('lets only admins invite', async () => {
      const member = await registerUser(app);
      await addOrganizationMember(app, admin, organization, member);
      refused(await app.graphql(INVITE, { input: { organizationId: organization.id, email: 'x@y.ca', role: 'ADMIN' } }, { token: member.token }), 'FORBIDDEN');
    });
  });

  describe('invitations', () => {
    const invite = async (email: string, role = 'MEMBER') =>
      ok(await app.graphql(INVITE, { input: { organizationId: organization.id, email, role } }, { token: admin.token })).inviteToOrganization;

    it('are accepted once, by the holder of the invited address, before they expire', async () => {
      const invitee = await registerUser(app);
      const interloper = await registerUser(app);
      const invitation = await invite(invitee.email.toUpperCase(), 'ADMIN');
      expect(invitation.email).toBe(invitee.email);
      refused(await app.graphql(ACCEPT, { input: { token: invitation.token } }, { token: interloper.token }), 'FORBIDDEN');
      const accepted = ok(await app.graphql(ACCEPT, { input: { token: invitation.token } }, { token: invitee.token }));
      expect(accepted.acceptOrganizationInvitation).toEqual({ role: 'ADMIN', organization: { slug: 'egouv-quebec' }, user: { id: invitee.id } });
      const again = refused(await app.graphql(ACCEPT, { input: { token: invitation.token } }, { token: invitee.token }), 'PRECONDITION_FAILED');
      expect(again.extensions.reasons).toContain('The invitation was already used');
      expect(await memberIds(admin)).toContain(invitee.id);
    });

    it('expire', async () => {
      const invitee = await registerUser(app);
      const invitation = await invite(invitee.email);
      await app.dataSource.query(`UPDATE organization_invitation SET expires_at = now() - interval '1 second' WHERE id = $1`, [invitation.id]);
      const error = refused(await app.graphql(ACCEPT, { input: { token: invitation.token } }, { token: invitee.token }), 'PRECONDITION_FAILED');
      expect(error.extensions.reasons).toEqual(['The invitation has expired']);
      expect(await memberIds(admin)).not.toContain(invitee.id);
    });

    it('are unknown when the token is made up, and keep no token in clear', async () => {
      const invitee = await registerUser(app);
      refused(await app.graphql(ACCEPT, { input: { token: 'made-up' } }, { token: invitee.token }), 'NOT_FOUND');
      const invitation = await invite(invitee.email);
      const [stored] = await app.dataSource.query(`SELECT token_hash FROM organization_invitation WHERE id = $1`, [invitation.id]);
      expect(stored.token_hash).not.toContain(invitation.token);
    });

    it('are not needed by existing members', async () => {
      refused(await app.graphql(INVITE, { input: { organizationId: organization.id, email: admin.email, role: 'MEMBER' } }, { token: admin.token }), 'CONFLICT');
    });
  });

  describe('join requests', () => {
    it('come only from an address in one of the domains, once, and are decided once by an admin', async () => {
      const colleague = await registerUser(app, { domain: 'mcn.egouv.quebec' });
      const foreigner = await registerUser(app, { domain: 'egouv.quebec.evil.example' });
      refused(await app.graphql(REQUEST, { input: { organizationId: organization.id } }, { token: foreigner.token }), 'FORBIDDEN');
      const request = ok(await app.graphql(REQUEST, { input: { organizationId: organization.id } }, { token: colleague.token })).requestToJoinOrganization;
      expect(request.status).toBe('PENDING');
      refused(await app.graphql(REQUEST, { input: { organizationId: organization.id } }, { token: colleague.token }), 'CONFLICT');

      const member = await registerUser(app);
      await addOrganizationMember(app, admin, organization, member);
      refused(await app.graphql(DECIDE, { input: { joinRequestId: request.id, approve: true } }, { token: member.token }), 'NOT_FOUND');
      refused(await app.graphql(DECIDE, { input: { joinRequestId: request.id, approve: true } }, { token: colleague.token }), 'FORBIDDEN');
      expect(ok(await app.graphql(DECIDE, { input: { joinRequestId: request.id, approve: true } }, { token: admin.token })).decideJoinRequest.status).toBe('APPROVED');
      expect(refused(await app.graphql(DECIDE, { input: { joinRequestId: request.id, approve: false } }, { token: admin.token }), 'CONFLICT').extensions.status).toBe('APPROVED');
      expect(await memberIds(admin)).toContain(colleague.id);
    });

    it('rejected leave the person outside', async () => {
      const colleague = await registerUser(app, { domain: 'egouv.quebec' });
      const request = ok(await app.graphql(REQUEST, { input: { organizationId: organization.id } }, { token: colleague.token })).requestToJoinOrganization;
      ok(await app.graphql(DECIDE, { input: { joinRequestId: request.id, approve: false } }, { token: admin.token }));
      expect(await memberIds(admin)).not.toContain(colleague.id);
    });
  });

  describe('roles and removal', () => {
    it('keep at least one admin', async () => {
      const founder = await registerUser(app);
      const org = await createOrganization(app, founder);
      const demote = refused(await app.graphql(CHANGE_ROLE, { input: { organizationId: org.id, userId: founder.id, role: 'MEMBER' } }, { token: founder.token }), 'PRECONDITION_FAILED');
      expect(demote.extensions.reasons).toEqual(['An organization must keep at least one admin']);
      refused(await app.graphql(REMOVE, { input: { organizationId: org.id, userId: founder.id } }, { token: founder.token }), 'PRECONDITION_FAILED');

      const second = await registerUser(app);
      await addOrganizationMember(app, founder, org, second, 'ADMIN');
      expect(ok(await app.graphql(CHANGE_ROLE, { input: { organizationId: org.id, userId: founder.id, role: 'MEMBER' } }, { token: second.token })).changeOrganizationRole.role).toBe('MEMBER');
      refused(await app.graphql(CHANGE_ROLE, { input: { organizationId: org.id, userId: second.id, role: 'MEMBER' } }, { token: founder.token }), 'FORBIDDEN');
      refused(await app.graphql(CHANGE_ROLE, { input: { organizationId: org.id, userId: second.id, role: 'MEMBER' } }, { token: second.token }), 'PRECONDITION_FAILED');
    });

    it('are managed by admins only; members may leave by themselves', async () => {
      const member = await registerUser(app);
      const other = await registerUser(app);
      await addOrganizationMember(app, admin, organization, member);
      await addOrganizationMember(app, admin, organization, other);
      refused(await app.graphql(REMOVE, { input: { organizationId: organization.id, userId: other.id } }, { token: member.token }), 'FORBIDDEN');
      refused(await app.graphql(CHANGE_ROLE, { input: { organizationId: organization.id, userId: member.id, role: 'ADMIN' } }, { token: member.token }), 'FORBIDDEN');
      expect(ok(await app.graphql(REMOVE, { input: { organizationId: organization.id, userId: member.id } }, { token: member.token })).removeOrganizationMember).toBe(true);
      ok(await app.graphql(REMOVE, { input: { organizationId: organization.id, userId: other.id } }, { token: admin.token }));
      const ids = await memberIds(admin);
      expect(ids).not.toContain(member.id);
      expect(ids).not.toContain(other.id);
      refused(await app.graphql(REMOVE, { input: { organizationId: organization.id, userId: other.id } }, { token: admin.token }), 'NOT_FOUND');
    });

    it('are recorded in the audit trail', async () => {
      const member = await registerUser(app);
      await addOrganizationMember(app, admin, organization, member);
      ok(await app.graphql(CHANGE_ROLE, { input: { organizationId: organization.id, userId: member.id, role: 'ADMIN' } }, { token: admin.token }));
      ok(await app.graphql(REMOVE, { input: { organizationId: organization.id, userId: member.id } }, { token: admin.token }));
      const events = await app.dataSource.query(
        `SELECT action, actor_id, details FROM audit_event WHERE organization_id = $1 AND details->>'userId' = $2 ORDER BY created_at, action`,
        [organization.id, member.id],
      );
      expect(events).toEqual([
        { action: 'organization.member.role_changed', actor_id: admin.id, details: { userId: member.id, from: 'MEMBER', to: 'ADMIN' } },
        { action: 'organization.member.removed', actor_id: admin.id, details: { userId: member.id, role: 'ADMIN' } },
      ]);
    });
  });
});
