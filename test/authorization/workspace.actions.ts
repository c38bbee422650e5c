import { addOrganizationMember, createOrganization, registerUser, TestUser } from '../support/factories';
import { newWorkspaceMember, WorkspaceRoleName } from '../support/world';
import { ALL_MEMBERS, MANAGERS, MatrixAction, othersOf, outcomes } from './matrix';

/** A managers' mutation on a fresh host member with `role`, its input naming the workspace and the member. */
function memberAction(name: string, role: WorkspaceRoleName, mutation: string, input: Record<string, string> = {}): MatrixAction<TestUser> {
  return {
    name,
    setup: (app, world) => newWorkspaceMember(app, world, world.host, world.hostAdmin, role),
    run: (app, world, token, user) => app.graphql(mutation, { input: { workspaceId: world.workspace.id, userId: user.id, ...input } }, { token }),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  };
}

/** The workspace actions of the access policy (issue 3). */
export const workspaceActions: MatrixAction[] = [
  {
    name: 'workspace(id)',
    run: (app, world, token) => app.graphql(`query($id: ID!) { workspace(id: $id) { id myRole } }`, { id: world.workspace.id }, { token }),
    expect: outcomes(ALL_MEMBERS),
  },
  {
    name: 'workspace members',
    run: (app, world, token) =>
      app.graphql(`query($id: ID!) { workspace(id: $id) { members { totalCount } partners { totalCount } } }`, { id: world.workspace.id }, { token }),
    expect: outcomes(ALL_MEMBERS),
  },
  {
    name: 'invitePartner',
    setup: async (app) => createOrganization(app, await registerUser(app)),
    run: (app, world, token, organization) =>
      app.graphql(
        `mutation($input: WorkspaceOrganizationInput!) { invitePartner(input: $input) { status } }`,
        { input: { workspaceId: world.workspace.id, organizationId: organization.id } },
        { token },
      ),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  },
  {
    name: 'addWorkspaceMember',
    setup: async (app, world) => {
      const user = await registerUser(app);
      await addOrganizationMember(app, world.hostAdmin, world.host, user);
      return user;
    },
    run: (app, world, token, user) =>
      app.graphql(
        `mutation($input: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $input) { role } }`,
        { input: { workspaceId: world.workspace.id, userId: user.id, organizationId: world.host.id, role: 'CONTRIBUTOR' } },
        { token },
      ),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  },
  memberAction('changeWorkspaceRole', 'CONTRIBUTOR', `mutation($input: ChangeWorkspaceRoleInput!) { changeWorkspaceRole(input: $input) { role } }`, { role: 'EDITOR' }),
  memberAction('removeWorkspaceMember', 'OBSERVER', `mutation($input: RemoveWorkspaceMemberInput!) { removeWorkspaceMember(input: $input) }`),
  {
    name: 'auditEvents',
    run: (app, world, token) =>
      app.graphql(`query($id: ID!) { auditEvents(workspaceId: $id, first: 5) { totalCount } }`, { id: world.workspace.id }, { token }),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  },
];

