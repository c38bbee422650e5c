import { addOrganizationMember, createOrganization, registerUser, TestOrganization, TestUser, verifyEmail } from './support/factories';
import { describeApp, ok, refused } from './support/harness';

const CREATE = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id slug name { fr en } acronym { fr en } jurisdiction region emailDomains } }`;
const UPDATE = `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { name { fr en } acronym { fr en } jurisdiction region emailDomains } }`;
const READ = `query($slug: String!) { organization(slug: $slug) { name { fr en } acronym { fr en } jurisdiction region emailDomains } }`;
const INVITE = `mutation($input: InviteToOrganizationInput!) { inviteToOrganization(input: $input) { id token expiresAt email role } }`;
const ACCEPT = `mutation($input: AcceptOrganizationInvitationInput!) { acceptOrganizationInvitation(input: $input) { role organization { slug } user { id } } }`;
const REQUEST = `mutation($input: OrganizationIdInput!) { requestToJoinOrganization(input: $input) { id status } }`;
const DECIDE = `mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { status decidedAt } }`;
const CHANGE_ROLE = `mutation($input: ChangeOrganizationRoleInput!) { changeOrganizationRole(input: $input) { role } }`;
const REMOVE = `mutation($input: RemoveOrganizationMemberInput!) { removeOrganizationMember(input: $input) }`;
const MEMBERS = `query($slug: String!) { organization(slug: $slug) { members(first: 50) { totalCount edges { node { role user { id } } } } } }`;

const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

describeApp('organizations', ({ app }) => {
  let admin: TestUser;
  let organization: TestOrganization;

  beforeAll(async () => {
    admin = await registerUser(app, { domain: 'egouv.quebec' });
    organization = await createOrganization(app, admin, {
      slug: 'egouv-quebec',
      name: { fr: 'E-Gouv Québec', en: 'E-Gov Québec' },
      jurisdiction: 'PROVINCIAL',
      region: 'ca-qc',
      emailDomains: ['EGOUV.quebec', 'egouv.quebec'],
    });
  });

  const read = async (slug = organization.slug, viewer = admin) => ok(await app.graphql(READ, { slug }, { token: viewer.token })).organization;
  const memberIds = async (viewer: TestUser = admin, org: TestOrganization = organization) =>
    ok(await app.graphql(MEMBERS, { slug: org.slug }, { token: viewer.token })).organization.members.edges.map((edge: any) => edge.node.user.id);
  const auditOf = (organizationId: string) =>
    app.dataSource.query(`SELECT action, actor_id, resource_type, details FROM audit_event WHERE organization_id = $1 ORDER BY created_at, id`, [organizationId]);

  describe('creating', () => {
    it('makes the creator its admin and normalizes region and domains', async () => {
      const data = ok(await app.graphql(`query { organization(slug: "egouv-quebec") { region emailDomains jurisdiction } me { memberships { role organization { slug } } } }`, {}, { token: admin.token }));
      expect(data.organization).toEqual({ region: 'CA-QC', emailDomains: ['egouv.quebec'], jurisdiction: 'PROVINCIAL' });
      expect(data.me.memberships).toEqual([{ role: 'ADMIN', organization: { slug: 'egouv-quebec' } }]);
    });

    it('needs a signed-in person', async () => {
      refused(await app.graphql(CREATE, { input: { slug: 'anonymous', name: { fr: 'Anonyme', en: 'Anonymous' }, jurisdiction: 'FEDERAL' } }), 'UNAUTHENTICATED');
      expect(await read('anonymous')).toBeNull();
    });

    it('refuses a slug already taken, whatever its case', async () => {
      for (const slug of ['egouv-quebec', 'EGOUV-Quebec']) {
        refused(await app.graphql(CREATE, { input: { slug, name: { fr: 'Autre', en: 'Other' }, jurisdiction: 'MUNICIPAL' } }, { token: admin.token }), 'CONFLICT');
      }
      expect((await read()).name).toEqual({ fr: 'E-Gouv Québec', en: 'E-Gov Québec' });
    });

    it.each([
      ['an unknown region', { region: 'CA-XX' }, 'region'],
      ['a region outside Canada', { region: 'US-NY' }, 'region'],
      ['a province without its country', { region: 'QC' }, 'region'],
      ['a slug with spaces', { slug: 'not a slug' }, 'slug'],
      ['a slug with a trailing hyphen', { slug: 'trailing-' }, 'slug'],
      ['a slug of 65 characters', { slug: 'a'.repeat(65) }, 'slug'],
      ['a blank French name', { name: { fr: '  ', en: 'Name' } }, 'name.fr'],
      ['an English name of 301 characters', { name: { fr: 'Nom', en: 'x'.repeat(301) } }, 'name.en'],
      ['a malformed e-mail domain', { emailDomains: ['not a domain'] }, 'emailDomains'],
      ['21 e-mail domains', { emailDomains: Array.from({ length: 21 }, (_, i) => `d${i}.ca`) }, 'emailDomains'],
    ])('refuses %s, naming the field', async (_, change, field) => {
      const input = { slug: 'valid-slug', name: { fr: 'Nom', en: 'Name' }, jurisdiction: 'MUNICIPAL', ...change };
      const error = refused(await app.graphql(CREATE, { input }, { token: admin.token }), 'BAD_USER_INPUT');
      expect(error.extensions.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(await read('valid-slug')).toBeNull();
    });

    it('requires the name in both languages', async () => {
      for (const name of [{ fr: 'Seulement français' }, { en: 'English only' }]) {
        refused(await app.graphql(CREATE, { input: { slug: 'valid-slug', name, jurisdiction: 'MUNICIPAL' } }, { token: admin.token }), 'BAD_USER_INPUT');
      }
      refused(await app.graphql(CREATE, { input: { slug: 'valid-slug', jurisdiction: 'MUNICIPAL' } }, { token: admin.token }), 'BAD_USER_INPUT');
      expect(await read('valid-slug')).toBeNull();
    });
  });

  describe('the directory', () => {
    beforeAll(async () => {
      const other = await registerUser(app);
      // Slugs that share no word with the names: a match below comes from the names or acronyms.
      await createOrganization(app, other, { slug: 'federal-comms', name: { fr: 'Bureau de la communauté des communications', en: 'Communications Community Office' }, acronym: { fr: 'BCC', en: 'CCO' }, jurisdiction: 'FEDERAL' });
      await createOrganization(app, other, { slug: 'mtl', name: { fr: 'Ville de Montréal', en: 'City of Montréal' }, jurisdiction: 'MUNICIPAL', region: 'CA-QC' });
      await createOrganization(app, other, { slug: 'qcnum', name: { fr: 'Québec numérique', en: 'Digital Quebec' }, jurisdiction: 'NON_GOVERNMENTAL', region: 'CA-QC' });
    });
    const search = async (args: string) =>
      ok(await app.graphql(`{ organizations(first: 100, ${args}) { edges { node { slug } } } }`, {}, { token: admin.token })).organizations.edges.map((edge: any) => edge.node.slug);

    it('finds an organization by its slug', async () => {
      expect((await read('EGOUV-QUEBEC'))?.jurisdiction).toBe('PROVINCIAL');
      expect(await read('no-such-organization')).toBeNull();
    });

    it('is for signed-in people', async () => {
      refused(await app.graphql(`{ organizations(first: 5) { totalCount } }`), 'UNAUTHENTICATED');
      refused(await app.graphql(READ, { slug: organization.slug }), 'UNAUTHENTICATED');
    });

    it('finds organizations by words of either name, with or without accents, and by acronym', async () => {
      expect(await search('search: "quebec"')).toEqual(['egouv-quebec', 'qcnum']);
      expect(await search('search: "E-Gouv Québec"')).toEqual(['egouv-quebec']);
      expect(await search('search: "numerique"')).toEqual(['qcnum']);
      expect(await search('search: "NUMÉRIQUE"')).toEqual(['qcnum']);
      expect(await search('search: "digital"')).toEqual(['qcnum']);
      expect(await search('search: "montreal"')).toEqual(['mtl']);
      expect(await search('search: "communaute"')).toEqual(['federal-comms']);
      expect(await search('search: "community office"')).toEqual(['federal-comms']);
      expect(await search('search: "comm"')).toEqual(['federal-comms']);
      expect(await search('search: "bcc"')).toEqual(['federal-comms']);
      expect(await search('search: "CCO"')).toEqual(['federal-comms']);
      expect(await search('search: "zzz"')).toEqual([]);
      // Query syntax typed by a person is taken as plain text, never as tsquery operators.
      expect(await search('search: "!:*&|"')).toContain('federal-comms');
      expect(await search(`search: "montreal' OR 1=1 --"`)).toEqual([]);
    });

    it('filters by jurisdiction, alone or with a search', async () => {
      expect(await search('jurisdiction: MUNICIPAL')).toEqual(['mtl']);
      expect(await search('jurisdiction: NON_GOVERNMENTAL, search: "quebec"')).toEqual(['qcnum']);
      expect(await search('jurisdiction: FEDERAL, search: "montreal"')).toEqual([]);
    });

    it('pages through every organization exactly once', async () => {
      const user = await registerUser(app);
      const slugs = ['paging-g', 'paging-c', 'paging-e', 'paging-a', 'paging-f', 'paging-b', 'paging-d'];
      for (const slug of slugs) await createOrganization(app, user, { slug, jurisdiction: 'INDIGENOUS' });
      const seen: string[] = [];
      const hasNext: boolean[] = [];
      let after: string | null = null;
      do {
        const page: any = ok(
          await app.graphql(
            `query($after: String) { organizations(first: 3, after: $after, jurisdiction: INDIGENOUS) { totalCount edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } }`,
            { after },
            { token: admin.token },
          ),
        ).organizations;
        expect(page.totalCount).toBe(7);
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
        seen.push(...page.edges.map((edge: any) => edge.node.slug));
        hasNext.push(page.pageInfo.hasNextPage);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual([...slugs].sort());
      expect(hasNext).toEqual([true, true, false]);
    });

    it('refuses page sizes and cursors that are not its own', async () => {
      const directory = (args: string) => app.graphql(`{ organizations(${args}) { totalCount edges { node { slug } } } }`, {}, { token: admin.token });
      for (const args of ['first: 101', 'first: -1', 'after: "garbage"', `after: "${cursor(['a'])}"`, `after: "${cursor([{ slug: 'a' }, '00000000-0000-4000-8000-000000000000'])}"`]) {
        const error = refused(await directory(args), 'BAD_USER_INPUT');
        expect(error.extensions.fields.map((f: { field: string }) => f.field)).toEqual([args.split(':')[0]]);
      }
      // Well-formed but with values that cannot be a membership's (a date, an id): still the caller's mistake.
      const forged = refused(
        await app.graphql(`query($after: String) { organization(slug: "egouv-quebec") { members(first: 5, after: $after) { totalCount } } }`, { after: cursor(['yesterday', 'someone']) }, { token: admin.token }),
        'BAD_USER_INPUT',
      );
      expect(forged.extensions.fields).toEqual([{ field: 'after', message: 'is not a cursor from this list' }]);
    });
  });

  describe('admins manage, members read', () => {
    let member: TestUser;
    beforeAll(async () => {
      member = await registerUser(app);
      await addOrganizationMember(app, admin, organization, member);
    });

    it('lets the admin update the organization, and neither a member nor an outsider', async () => {
      const outsider = await registerUser(app);
      refused(await app.graphql(UPDATE, { input: { organizationId: organization.id, region: 'CA-ON' } }, { token: member.token }), 'FORBIDDEN');
      refused(await app.graphql(UPDATE, { input: { organizationId: organization.id, region: 'CA-ON' } }, { token: outsider.token }), 'FORBIDDEN');
      expect((await read(organization.slug, member)).region).toBe('CA-QC');
      const updated = ok(await app.graphql(UPDATE, { input: { organizationId: organization.id, name: { fr: 'E-Gouv Québec', en: 'E-Gov Quebec' }, acronym: { fr: 'EGQ', en: 'EGQ' } } }, { token: admin.token }));
      expect(updated.updateOrganization).toMatchObject({ name: { fr: 'E-Gouv Québec', en: 'E-Gov Quebec' }, acronym: { fr: 'EGQ', en: 'EGQ' }, region: 'CA-QC' });
      expect(await read()).toEqual(updated.updateOrganization);
      refused(await app.graphql(UPDATE, { input: { organizationId: '00000000-0000-4000-8000-000000000000', region: 'CA-ON' } }, { token: admin.token }), 'NOT_FOUND');
    });

    it('refuses an invalid update as a whole, leaving the organization as it was', async () => {
      const before = await read();
      for (const [change, field] of [
        [{ region: 'CA-ZZ', name: { fr: 'Nouveau', en: 'New' } }, 'region'],
        [{ name: { fr: 'Nouveau', en: '' } }, 'name.en'],
        [{ emailDomains: ['egouv.quebec', 'not a domain'] }, 'emailDomains'],
        // Omitting a field keeps it; null cannot stand for a name, a jurisdiction or a list of domains.
        [{ name: null }, 'name'],
        [{ jurisdiction: null }, 'jurisdiction'],
        [{ emailDomains: null }, 'emailDomains'],
      ] as const) {
        const error = refused(await app.graphql(UPDATE, { input: { organizationId: organization.id, ...change } }, { token: admin.token }), 'BAD_USER_INPUT');
        expect(error.extensions.fields.map((f: { field: string }) => f.field)).toContain(field);
      }
      expect(await read()).toEqual(before);
    });

    it('clears the region and the acronym with null', async () => {
      const other = await createOrganization(app, admin, { region: 'CA-NB', acronym: { fr: 'AB', en: 'AB' } });
      ok(await app.graphql(UPDATE, { input: { organizationId: other.id, region: null, acronym: null } }, { token: admin.token }));
      expect(await read(other.slug)).toMatchObject({ region: null, acronym: null, jurisdiction: 'FEDERAL' });
    });

    it('shows the member list to members only, without their e-mail addresses', async () => {
      const stranger = await registerUser(app);
      refused(await app.graphql(MEMBERS, { slug: organization.slug }, { token: stranger.token }), 'FORBIDDEN');
      expect(await memberIds(member)).toEqual(expect.arrayContaining([admin.id, member.id]));
      const emails = ok(await app.graphql(`{ organization(slug: "egouv-quebec") { members(first: 50) { edges { node { user { id email } } } } } }`, {}, { token: member.token }));
      for (const { node } of emails.organization.members.edges) expect(node.user.email).toBe(node.user.id === member.id ? member.email : null);
    });

    it("shows a person's other memberships only where the viewer belongs too", async () => {
      const elsewhere = await createOrganization(app, member);
      const seenByAdmin = ok(
        await app.graphql(`{ organization(slug: "egouv-quebec") { members(first: 50) { edges { node { user { id memberships { organization { slug } } } } } } } }`, {}, { token: admin.token }),
      ).organization.members.edges.find((edge: any) => edge.node.user.id === member.id).node.user.memberships;
      expect(seenByAdmin).toEqual([{ organization: { slug: 'egouv-quebec' } }]);
      const own = ok(await app.graphql(`{ me { memberships { organization { slug } } } }`, {}, { token: member.token })).me.memberships;
      expect(own.map((m: any) => m.organization.slug).sort()).toEqual(['egouv-quebec', elsewhere.slug].sort());
    });

    it('shows join requests to admins only', async () => {
      const query = `{ organization(slug: "egouv-quebec") { joinRequests(first: 10) { totalCount } } }`;
      refused(await app.graphql(query, {}, { token: member.token }), 'FORBIDDEN');
      ok(await app.graphql(query, {}, { token: admin.token }));
    });

    it('lets only admins invite', async () => {
      const outsider = await registerUser(app);
      refused(await app.graphql(INVITE, { input: { organizationId: organization.id, email: 'x@y.ca', role: 'ADMIN' } }, { token: member.token }), 'FORBIDDEN');
      refused(await app.graphql(INVITE, { input: { organizationId: organization.id, email: 'x@y.ca', role: 'MEMBER' } }, { token: outsider.token }), 'FORBIDDEN');
      refused(await app.graphql(INVITE, { input: { organizationId: organization.id, email: 'not an address', role: 'MEMBER' } }, { token: admin.token }), 'BAD_USER_INPUT');
    });
  });

  describe('invitations', () => {
    const invite = async (email: string, role = 'MEMBER', by = admin, org = organization) =>
      ok(await app.graphql(INVITE, { input: { organizationId: org.id, email, role } }, { token: by.token })).inviteToOrganization;
    const accept = (token: string, user: TestUser) => app.graphql(ACCEPT, { input: { token } }, { token: user.token });

    it('are accepted once, by the holder of the invited address, before they expire', async () => {
      const invitee = await verifyEmail(app, await registerUser(app));
      const interloper = await registerUser(app);
      const invitation = await invite(invitee.email.toUpperCase(), 'ADMIN');
      expect(invitation.email).toBe(invitee.email);
      const lifetime = Date.parse(invitation.expiresAt) - Date.now();
      expect(lifetime).toBeGreaterThan(6 * 24 * 3600_000);
      expect(lifetime).toBeLessThanOrEqual(7 * 24 * 3600_000);

      refused(await accept(invitation.token, interloper), 'FORBIDDEN');
      expect(await memberIds()).not.toContain(interloper.id);
      const accepted = ok(await accept(invitation.token, invitee));
      expect(accepted.acceptOrganizationInvitation).toEqual({ role: 'ADMIN', organization: { slug: 'egouv-quebec' }, user: { id: invitee.id } });
      const again = refused(await accept(invitation.token, invitee), 'PRECONDITION_FAILED');
      expect(again.extensions.reasons).toEqual(['The invitation was already used']);
      expect(await memberIds()).toContain(invitee.id);
    });

    it('may be sent before the person has an account', async () => {
      const invitation = await invite('future.colleague@example.ca');
      const newcomer = await verifyEmail(app, await registerUser(app, { email: 'Future.Colleague@example.ca' }));
      ok(await accept(invitation.token, newcomer));
      expect(await memberIds()).toContain(newcomer.id);
    });

    it('expire', async () => {
      const invitee = await verifyEmail(app, await registerUser(app));
      const invitation = await invite(invitee.email);
      await app.dataSource.query(`UPDATE organization_invitation SET expires_at = now() - interval '1 second' WHERE id = $1`, [invitation.id]);
      const error = refused(await accept(invitation.token, invitee), 'PRECONDITION_FAILED');
      expect(error.extensions.reasons).toEqual(['The invitation has expired']);
      expect(await memberIds()).not.toContain(invitee.id);
    });

    it('lapse when the admin who sent them is no longer an admin', async () => {
      const founder = await registerUser(app);
      const org = await createOrganization(app, founder);
      const deputy = await registerUser(app);
      await addOrganizationMember(app, founder, org, deputy, 'ADMIN');
      const invitee = await verifyEmail(app, await registerUser(app));
      const invitation = await invite(invitee.email, 'ADMIN', deputy, org);
      ok(await app.graphql(CHANGE_ROLE, { input: { organizationId: org.id, userId: deputy.id, role: 'MEMBER' } }, { token: founder.token }));
      const error = refused(await accept(invitation.token, invitee), 'PRECONDITION_FAILED');
      expect(error.extensions.reasons).toEqual(['The person who sent the invitation is no longer an admin of the organization']);
      expect(await memberIds(founder, org)).not.toContain(invitee.id);
    });

    it('are unknown when the token is made up, and keep no token in clear', async () => {
      const invitee = await registerUser(app);
      refused(await accept('made-up', invitee), 'NOT_FOUND');
      const invitation = await invite(invitee.email);
      const [stored] = await app.dataSource.query(`SELECT token_hash FROM organization_invitation WHERE id = $1`, [invitation.id]);
      expect(stored.token_hash).not.toContain(invitation.token);
    });

    it('are not needed by existing members', async () => {
      refused(await app.graphql(INVITE, { input: { organizationId: organization.id, email: admin.email, role: 'MEMBER' } }, { token: admin.token }), 'CONFLICT');
    });
  });

  describe('join requests', () => {
    const request = (user: TestUser, org = organization) => app.graphql(REQUEST, { input: { organizationId: org.id } }, { token: user.token });
    const decide = (joinRequestId: string, approve: boolean, user: TestUser) => app.graphql(DECIDE, { input: { joinRequestId, approve } }, { token: user.token });

    it('come only from an address in one of the domains, once, and are decided once by an admin', async () => {
      const colleague = await verifyEmail(app, await registerUser(app, { domain: 'mcn.egouv.quebec' }));
      const foreigners = [await registerUser(app, { domain: 'egouv.quebec.evil.example' }), await registerUser(app, { domain: 'notegouv.quebec' })];
      for (const foreigner of foreigners) refused(await request(foreigner), 'FORBIDDEN');
      const pending = ok(await request(colleague)).requestToJoinOrganization;
      expect(pending.status).toBe('PENDING');
      refused(await request(colleague), 'CONFLICT');

      const member = await registerUser(app);
      await addOrganizationMember(app, admin, organization, member);
      // A member who is not an admin does not see other people's requests; the requester sees theirs but may not decide it.
      refused(await decide(pending.id, true, member), 'NOT_FOUND');
      refused(await decide(pending.id, true, colleague), 'FORBIDDEN');
      expect(await memberIds()).not.toContain(colleague.id);

      const decided = ok(await decide(pending.id, true, admin)).decideJoinRequest;
      expect(decided.status).toBe('APPROVED');
      expect(Date.parse(decided.decidedAt)).toBeLessThanOrEqual(Date.now());
      expect(refused(await decide(pending.id, false, admin), 'CONFLICT').extensions.status).toBe('APPROVED');
      const members = ok(await app.graphql(MEMBERS, { slug: organization.slug }, { token: colleague.token })).organization.members.edges;
      expect(members.find((edge: any) => edge.node.user.id === colleague.id).node.role).toBe('MEMBER');
      refused(await request(colleague), 'CONFLICT');
    });

    it('rejected leave the person outside, free to ask again', async () => {
      const colleague = await verifyEmail(app, await registerUser(app, { domain: 'egouv.quebec' }));
      const first = ok(await request(colleague)).requestToJoinOrganization;
      expect(ok(await decide(first.id, false, admin)).decideJoinRequest.status).toBe('REJECTED');
      expect(await memberIds()).not.toContain(colleague.id);
      expect(ok(await request(colleague)).requestToJoinOrganization.status).toBe('PENDING');
    });

    it('are refused by an organization with no domain, and for an organization that does not exist', async () => {
      const founder = await registerUser(app, { domain: 'example.gc.ca' });
      const closed = await createOrganization(app, founder);
      refused(await request(await registerUser(app, { domain: 'example.gc.ca' }), closed), 'FORBIDDEN');
      refused(await request(admin, { id: '00000000-0000-4000-8000-000000000000', slug: 'none' }), 'NOT_FOUND');
    });
  });

  describe('roles and removal', () => {
    const changeRole = (org: TestOrganization, user: TestUser, role: string, by: TestUser) =>
      app.graphql(CHANGE_ROLE, { input: { organizationId: org.id, userId: user.id, role } }, { token: by.token });
    const remove = (org: TestOrganization, user: TestUser, by: TestUser) => app.graphql(REMOVE, { input: { organizationId: org.id, userId: user.id } }, { token: by.token });

    it('keep at least one admin', async () => {
      const founder = await registerUser(app);
      const org = await createOrganization(app, founder);
      const demote = refused(await changeRole(org, founder, 'MEMBER', founder), 'PRECONDITION_FAILED');
      expect(demote.extensions.reasons).toEqual(['An organization must keep at least one admin']);
      expect(refused(await remove(org, founder, founder), 'PRECONDITION_FAILED').extensions.reasons).toEqual(['An organization must keep at least one admin']);

      const second = await registerUser(app);
      await addOrganizationMember(app, founder, org, second, 'ADMIN');
      expect(ok(await changeRole(org, founder, 'MEMBER', second)).changeOrganizationRole.role).toBe('MEMBER');
      refused(await changeRole(org, second, 'MEMBER', founder), 'FORBIDDEN');
      refused(await changeRole(org, second, 'MEMBER', second), 'PRECONDITION_FAILED');
      refused(await remove(org, second, second), 'PRECONDITION_FAILED');
    });

    it('keep one admin even when two admins demote each other at the same moment', async () => {
      const first = await registerUser(app);
      const org = await createOrganization(app, first);
      const second = await registerUser(app);
      await addOrganizationMember(app, first, org, second, 'ADMIN');
      const [a, b] = await Promise.all([changeRole(org, second, 'MEMBER', first), changeRole(org, first, 'MEMBER', second)]);
      // One goes through; the other finds its author demoted (FORBIDDEN) or its target the last admin.
      const outcomes = [a, b].map((response) => response.errors?.[0].extensions.code ?? 'OK');
      expect(outcomes.filter((outcome) => outcome === 'OK')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome !== 'OK')).toEqual([expect.stringMatching(/^(FORBIDDEN|PRECONDITION_FAILED)$/)]);
      const roles = ok(await app.graphql(MEMBERS, { slug: org.slug }, { token: first.token })).organization.members.edges.map((edge: any) => edge.node.role);
      expect(roles.sort()).toEqual(['ADMIN', 'MEMBER']);
    });

    it('are managed by admins only; members may leave by themselves', async () => {
      const member = await registerUser(app);
      const other = await registerUser(app);
      await addOrganizationMember(app, admin, organization, member);
      await addOrganizationMember(app, admin, organization, other);
      refused(await remove(organization, other, member), 'FORBIDDEN');
      refused(await changeRole(organization, member, 'ADMIN', member), 'FORBIDDEN');
      refused(await changeRole(organization, other, 'ADMIN', member), 'FORBIDDEN');
      expect(await memberIds()).toEqual(expect.arrayContaining([member.id, other.id]));

      expect(ok(await remove(organization, member, member)).removeOrganizationMember).toBe(true);
      ok(await remove(organization, other, admin));
      const ids = await memberIds();
      expect(ids).not.toContain(member.id);
      expect(ids).not.toContain(other.id);
      // Gone means gone: no more reading the member list.
      refused(await app.graphql(MEMBERS, { slug: organization.slug }, { token: member.token }), 'FORBIDDEN');
      refused(await remove(organization, other, admin), 'NOT_FOUND');
      refused(await changeRole(organization, other, 'ADMIN', admin), 'NOT_FOUND');
    });

    it('are recorded in the audit trail, with everything else that changes membership', async () => {
      const founder = await registerUser(app, { domain: 'audit.example.ca' });
      const org = await createOrganization(app, founder, { emailDomains: ['audit.example.ca'] });
      ok(await app.graphql(UPDATE, { input: { organizationId: org.id, region: 'CA-ON' } }, { token: founder.token }));
      const invitee = await registerUser(app);
      await addOrganizationMember(app, founder, org, invitee);
      const applicant = await verifyEmail(app, await registerUser(app, { domain: 'audit.example.ca' }));
      const pending = ok(await app.graphql(REQUEST, { input: { organizationId: org.id } }, { token: applicant.token })).requestToJoinOrganization;
      ok(await app.graphql(DECIDE, { input: { joinRequestId: pending.id, approve: true } }, { token: founder.token }));
      ok(await changeRole(org, invitee, 'ADMIN', founder));
      ok(await remove(org, applicant, founder));
      ok(await remove(org, invitee, invitee));
      // Refusals change nothing, so they record nothing.
      refused(await changeRole(org, founder, 'MEMBER', founder), 'PRECONDITION_FAILED');

      expect(await auditOf(org.id)).toEqual([
        { action: 'organization.created', actor_id: founder.id, resource_type: 'organization', details: {} },
        { action: 'organization.updated', actor_id: founder.id, resource_type: 'organization', details: { fields: ['region'] } },
        { action: 'organization.invitation.created', actor_id: founder.id, resource_type: 'organization_invitation', details: { email: invitee.email, role: 'MEMBER' } },
        { action: 'organization.member.joined', actor_id: invitee.id, resource_type: 'organization_membership', details: { via: 'invitation', role: 'MEMBER' } },
        { action: 'organization.join_request.approved', actor_id: founder.id, resource_type: 'join_request', details: { userId: applicant.id } },
        { action: 'organization.member.role_changed', actor_id: founder.id, resource_type: 'organization_membership', details: { userId: invitee.id, from: 'MEMBER', to: 'ADMIN' } },
        { action: 'organization.member.removed', actor_id: founder.id, resource_type: 'organization_membership', details: { userId: applicant.id, role: 'MEMBER' } },
        { action: 'organization.member.removed', actor_id: invitee.id, resource_type: 'organization_membership', details: { userId: invitee.id, role: 'ADMIN' } },
      ]);
      // The membership that ended is the one that began.
      const [joined, left] = await app.dataSource.query(
        `SELECT resource_id FROM audit_event WHERE organization_id = $1 AND action IN ('organization.member.joined', 'organization.member.removed') AND details->>'userId' IS DISTINCT FROM $2 ORDER BY created_at`,
        [org.id, applicant.id],
      );
      expect(left.resource_id).toBe(joined.resource_id);
    });
  });
});
