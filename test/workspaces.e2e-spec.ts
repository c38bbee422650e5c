import { addOrganizationMember, createOrganization, registerUser, TestUser } from './support/factories';
import { describeApp, ok, refused } from './support/harness';
import { addPartner, createWorkspace, newWorkspaceMember, TestWorkspace } from './support/world';

const WORKSPACE = `query($id: ID!) { workspace(id: $id) { id slug myRole myOrganizationId hostOrganization { slug }
  partners { totalCount edges { node { status organization { id } } } }
  members(first: 50) { totalCount edges { node { role user { id displayName } organization { id } } } } } }`;
const INVITE = `mutation($input: WorkspaceOrganizationInput!) { invitePartner(input: $input) { status } }`;
const RESPOND = `mutation($input: RespondToPartnerInvitationInput!) { respondToPartnerInvitation(input: $input) { status respondedAt } }`;
const LEAVE = `mutation($input: WorkspaceOrganizationInput!) { leaveWorkspace(input: $input) { status } }`;
const ADD_MEMBER = `mutation($input: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $input) { role } }`;
const CHANGE_ROLE = `mutation($input: ChangeWorkspaceRoleInput!) { changeWorkspaceRole(input: $input) { role } }`;
const REMOVE_MEMBER = `mutation($input: RemoveWorkspaceMemberInput!) { removeWorkspaceMember(input: $input) }`;
const AUDIT = `query($id: ID!) { auditEvents(workspaceId: $id, first: 100) { edges { node { action actorId resourceType details createdAt } } } }`;

describeApp('workspaces', { world: true }, ({ app, world }) => {
  const canSee = async (user: TestUser, workspace: TestWorkspace = world.workspace) => {
    const response = await app.graphql(WORKSPACE, { id: workspace.id }, { token: user.token });
    if (response.errors) refused(response, 'NOT_FOUND');
    const listed = ok(await app.graphql(`{ workspaces(first: 100) { edges { node { id } } } }`, {}, { token: user.token }));
    const inList = listed.workspaces.edges.some((edge: any) => edge.node.id === workspace.id);
    expect(inList).toBe(!response.errors);
    return !response.errors;
  };

  describe('opening a workspace', () => {
    it('makes the host admin its OWNER, acting for the host', async () => {
      const data = ok(await app.graphql(WORKSPACE, { id: world.workspace.id }, { token: world.hostAdmin.token }));
      expect(data.workspace).toMatchObject({ myRole: 'OWNER', myOrganizationId: world.host.id, hostOrganization: { slug: world.host.slug } });
      expect(data.workspace.partners.edges.map((edge: any) => edge.node)).toEqual(
        expect.arrayContaining([
          { status: 'ACTIVE', organization: { id: world.host.id } },
          { status: 'ACTIVE', organization: { id: world.partner.id } },
        ]),
      );
    });

    it('is refused to a plain member of the host organization', async () => {
      const member = await registerUser(app);
      await addOrganizationMember(app, world.hostAdmin, world.host, member);
      const response = await app.graphql(
        `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`,
        { input: { hostOrganizationId: world.host.id, slug: 'member-made', name: { fr: 'x', en: 'x' } } },
        { token: member.token },
      );
      refused(response, 'FORBIDDEN');
    });

    it('refuses a slug already taken', async () => {
      const response = await app.graphql(
        `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`,
        { input: { hostOrganizationId: world.host.id, slug: world.workspace.slug, name: { fr: 'x', en: 'x' } } },
        { token: world.hostAdmin.token },
      );
      refused(response, 'CONFLICT');
    });
  });

  describe('partner invitations', () => {
    let guestAdmin: TestUser;
    let guest: { id: string; slug: string };
    beforeEach(async () => {
      guestAdmin = await registerUser(app);
      guest = await createOrganization(app, guestAdmin, { jurisdiction: 'MUNICIPAL' });
      ok(await app.graphql(INVITE, { input: { workspaceId: world.workspace.id, organizationId: guest.id } }, { token: world.hostAdmin.token }));
    });
    const respond = (user: TestUser, accept: boolean) =>
      app.graphql(RESPOND, { input: { workspaceId: world.workspace.id, organizationId: guest.id, accept } }, { token: user.token });

    it('are accepted once by an admin of the invited organization', async () => {
      expect(ok(await respond(guestAdmin, true)).respondToPartnerInvitation.status).toBe('ACTIVE');
      expect(refused(await respond(guestAdmin, true), 'CONFLICT').extensions.status).toBe('ACTIVE');
    });

    it('cannot be accepted after being declined, until invited again', async () => {
      expect(ok(await respond(guestAdmin, false)).respondToPartnerInvitation.status).toBe('DECLINED');
      refused(await respond(guestAdmin, true), 'CONFLICT');
      ok(await app.graphql(INVITE, { input: { workspaceId: world.workspace.id, organizationId: guest.id } }, { token: world.hostAdmin.token }));
      expect(ok(await respond(guestAdmin, true)).respondToPartnerInvitation.status).toBe('ACTIVE');
    });

    it('cannot be answered for an organization one does not administer', async () => {
      refused(await respond(world.people.OUTSIDER, true), 'NOT_FOUND');
      refused(await respond(world.people.COORDINATOR, true), 'FORBIDDEN');
      const member = await registerUser(app);
      await addOrganizationMember(app, guestAdmin, guest, member);
      refused(await respond(member, true), 'NOT_FOUND');
    });

    it('cannot be sent twice while pending', async () => {
      const again = await app.graphql(INVITE, { input: { workspaceId: world.workspace.id, organizationId: guest.id } }, { token: world.hostAdmin.token });
      expect(refused(again, 'CONFLICT').extensions.status).toBe('INVITED');
    });

    it('give no access before acceptance', async () => {
      const member = await registerUser(app);
      await addOrganizationMember(app, guestAdmin, guest, member);
      const response = await app.graphql(
        ADD_MEMBER,
        { input: { workspaceId: world.workspace.id, userId: member.id, organizationId: guest.id, role: 'EDITOR' } },
        { token: world.hostAdmin.token },
      );
      expect(refused(response, 'PRECONDITION_FAILED').extensions.reasons).toEqual(['The organization is not an active partner of this workspace']);
      expect(await canSee(guestAdmin)).toBe(false);
    });
  });

  describe('members', () => {
    it('must belong to the partner organization they act for', async () => {
      const stranger = await registerUser(app);
      const response = await app.graphql(
        ADD_MEMBER,
        { input: { workspaceId: world.workspace.id, userId: stranger.id, organizationId: world.partner.id, role: 'EDITOR' } },
        { token: world.hostAdmin.token },
      );
      expect(refused(response, 'PRECONDITION_FAILED').extensions.reasons).toEqual(['The person is not a member of this organization']);
    });

    it('are added once', async () => {
      const response = await app.graphql(
        ADD_MEMBER,
        { input: { workspaceId: world.workspace.id, userId: world.people.EDITOR.id, organizationId: world.host.id, role: 'EDITOR' } },
        { token: world.hostAdmin.token },
      );
      refused(response, 'CONFLICT');
    });

    it('get the OWNER role only from an owner', async () => {
      const user = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'EDITOR');
      const byCoordinator = await app.graphql(
        CHANGE_ROLE,
        { input: { workspaceId: world.workspace.id, userId: user.id, role: 'OWNER' } },
        { token: world.people.COORDINATOR.token },
      );
      refused(byCoordinator, 'FORBIDDEN');
      const demoteOwner = await app.graphql(
        CHANGE_ROLE,
        { input: { workspaceId: world.workspace.id, userId: world.hostAdmin.id, role: 'OBSERVER' } },
        { token: world.people.COORDINATOR.token },
      );
      refused(demoteOwner, 'FORBIDDEN');
    });
  });

  describe('ownership', () => {
    it('always keeps an owner', async () => {
      const owner = await registerUser(app);
      const host = await createOrganization(app, owner);
      const workspace = await createWorkspace(app, owner, host);
      const demote = await app.graphql(CHANGE_ROLE, { input: { workspaceId: workspace.id, userId: owner.id, role: 'COORDINATOR' } }, { token: owner.token });
      expect(refused(demote, 'PRECONDITION_FAILED').extensions.reasons).toEqual(['A workspace must keep at least one owner']);
      refused(await app.graphql(REMOVE_MEMBER, { input: { workspaceId: workspace.id, userId: owner.id } }, { token: owner.token }), 'PRECONDITION_FAILED');

      const second = await registerUser(app);
      await addOrganizationMember(app, owner, host, second);
      ok(await app.graphql(ADD_MEMBER, { input: { workspaceId: workspace.id, userId: second.id, organizationId: host.id, role: 'OWNER' } }, { token: owner.token }));
      expect(ok(await app.graphql(CHANGE_ROLE, { input: { workspaceId: workspace.id, userId: owner.id, role: 'COORDINATOR' } }, { token: owner.token })).changeWorkspaceRole.role).toBe('COORDINATOR');
      refused(await app.graphql(REMOVE_MEMBER, { input: { workspaceId: workspace.id, userId: second.id } }, { token: second.token }), 'PRECONDITION_FAILED');
    });

    it('keeps the host organization in its own workspace', async () => {
      const response = await app.graphql(LEAVE, { input: { workspaceId: world.workspace.id, organizationId: world.host.id } }, { token: world.hostAdmin.token });
      expect(refused(response, 'PRECONDITION_FAILED').extensions.reasons).toEqual(['The host organization cannot leave its own workspace']);
    });
  });

  describe('losing access takes effect at the next request', () => {
    it('when a member is removed', async () => {
      const user = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'EDITOR');
      expect(await canSee(user)).toBe(true);
      ok(await app.graphql(REMOVE_MEMBER, { input: { workspaceId: world.workspace.id, userId: user.id } }, { token: world.people.COORDINATOR.token }));
      expect(await canSee(user)).toBe(false);
    });

    it('when a member leaves', async () => {
      const user = await newWorkspaceMember(app, world, world.partner, world.partnerAdmin, 'CONTRIBUTOR');
      ok(await app.graphql(REMOVE_MEMBER, { input: { workspaceId: world.workspace.id, userId: user.id } }, { token: user.token }));
      expect(await canSee(user)).toBe(false);
    });

    it('when a member leaves the organization they act for', async () => {
      const user = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'EDITOR');
      ok(
        await app.graphql(
          `mutation($input: RemoveOrganizationMemberInput!) { removeOrganizationMember(input: $input) }`,
          { input: { organizationId: world.host.id, userId: user.id } },
          { token: world.hostAdmin.token },
        ),
      );
      expect(await canSee(user)).toBe(false);
      const members = ok(await app.graphql(WORKSPACE, { id: world.workspace.id }, { token: world.hostAdmin.token })).workspace.members;
      expect(members.edges.map((edge: any) => edge.node.user.id)).not.toContain(user.id);
    });

    it('when their partner organization leaves, and what they wrote stays attributed', async () => {
      const leaverAdmin = await registerUser(app);
      const leaver = await createOrganization(app, leaverAdmin, { jurisdiction: 'TERRITORIAL', region: 'CA-YT' });
      await addPartner(app, world.hostAdmin, world.workspace, leaver, leaverAdmin);
      const writer = await newWorkspaceMember(app, world, leaver, leaverAdmin, 'EDITOR');
      expect(await canSee(writer)).toBe(true);

      // Only an admin of the leaving organization takes it out.
      refused(await app.graphql(LEAVE, { input: { workspaceId: world.workspace.id, organizationId: leaver.id } }, { token: writer.token }), 'FORBIDDEN');
      refused(await app.graphql(LEAVE, { input: { workspaceId: world.workspace.id, organizationId: leaver.id } }, { token: world.hostAdmin.token }), 'FORBIDDEN');
      expect(ok(await app.graphql(LEAVE, { input: { workspaceId: world.workspace.id, organizationId: leaver.id } }, { token: leaverAdmin.token })).leaveWorkspace.status).toBe('LEFT');

      expect(await canSee(writer)).toBe(false);
      const workspace = ok(await app.graphql(WORKSPACE, { id: world.workspace.id }, { token: world.hostAdmin.token })).workspace;
      expect(workspace.partners.edges.map((edge: any) => edge.node)).toContainEqual({ status: 'LEFT', organization: { id: leaver.id } });
      expect(workspace.members.edges.map((edge: any) => edge.node.organization.id)).not.toContain(leaver.id);
    });
  });

  describe('ids of what one cannot see', () => {
    it('are NOT_FOUND whether they exist, belong to another workspace or are malformed', async () => {
      const other = await createWorkspace(app, world.people.OUTSIDER, world.outsiderOrganization);
      for (const id of [other.id, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
        const error = refused(await app.graphql(WORKSPACE, { id }, { token: world.people.EDITOR.token }), 'NOT_FOUND');
        expect(error.message).toBe('Workspace not found');
      }
      refused(await app.graphql(INVITE, { input: { workspaceId: other.id, organizationId: world.host.id } }, { token: world.hostAdmin.token }), 'NOT_FOUND');
      refused(await app.graphql(AUDIT, { id: other.id }, { token: world.hostAdmin.token }), 'NOT_FOUND');
    });
  });

  describe('the audit trail', () => {
    it('records every change of partner, member and role with its actor and details', async () => {
      const user = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'CONTRIBUTOR');
      ok(await app.graphql(CHANGE_ROLE, { input: { workspaceId: world.workspace.id, userId: user.id, role: 'EDITOR' } }, { token: world.people.COORDINATOR.token }));
      ok(await app.graphql(REMOVE_MEMBER, { input: { workspaceId: world.workspace.id, userId: user.id } }, { token: world.people.COORDINATOR.token }));
      const events = ok(await app.graphql(AUDIT, { id: world.workspace.id }, { token: world.people.COORDINATOR.token })).auditEvents.edges.map(
        (edge: any) => edge.node,
      );
      const actions = events.map((event: any) => event.action);
      expect(actions).toEqual(expect.arrayContaining(['workspace.created', 'workspace.partner.invited', 'workspace.partner.accepted', 'workspace.member.added']));
      const [removed, changed] = events.filter((event: any) => event.details.userId === user.id);
      expect(removed).toMatchObject({ action: 'workspace.member.removed', actorId: world.people.COORDINATOR.id, details: { role: 'EDITOR' } });
      expect(changed).toMatchObject({ action: 'workspace.member.role_changed', details: { from: 'CONTRIBUTOR', to: 'EDITOR' } });
      const times = events.map((event: any) => Date.parse(event.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });
  });

  describe('the list of my workspaces', () => {
    it('pages through every workspace exactly once', async () => {
      const owner = await registerUser(app);
      const host = await createOrganization(app, owner);
      const created = [];
      for (let i = 0; i < 5; i++) created.push((await createWorkspace(app, owner, host)).id);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: any = ok(
          await app.graphql(`query($after: String) { workspaces(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { after }, { token: owner.token }),
        ).workspaces;
        expect(page.totalCount).toBe(5);
        seen.push(...page.edges.map((edge: any) => edge.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(created);
    });
  });
});
