import { addOrganizationMember, createOrganization, registerUser, TestOrganization, TestUser } from './factories';
import { ok, TestApp } from './harness';

export const WORKSPACE_ROLES = ['OWNER', 'COORDINATOR', 'EDITOR', 'CONTRIBUTOR', 'OBSERVER'] as const;
export type WorkspaceRoleName = (typeof WORKSPACE_ROLES)[number];

/** Everyone the authorization matrix asks: each role of the host, a partner's member, an outsider, nobody. */
export const PERSONAS = [...WORKSPACE_ROLES, 'PARTNER_MEMBER', 'OUTSIDER', 'ANONYMOUS'] as const;
export type Persona = (typeof PERSONAS)[number];

export interface TestWorkspace {
  id: string;
  slug: string;
}

/**
 * A federal office hosting a workspace with a provincial partner, and a municipal team outside it.
 * Host members hold each workspace role; the partner's member is an EDITOR acting for the partner.
 */
export interface World {
  host: TestOrganization;
  partner: TestOrganization;
  outsiderOrganization: TestOrganization;
  hostAdmin: TestUser;
  partnerAdmin: TestUser;
  workspace: TestWorkspace;
  people: Record<Exclude<Persona, 'ANONYMOUS'>, TestUser>;
  /** The access token of a persona; none for ANONYMOUS. */
  tokenOf(persona: Persona): string | undefined;
}

export async function createWorkspace(app: TestApp, owner: TestUser, host: TestOrganization, slug?: string): Promise<TestWorkspace> {
  const data = ok(
    await app.graphql(
      `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id slug } }`,
      {
        input: {
          hostOrganizationId: host.id,
          slug: slug ?? `ws-${Math.random().toString(36).slice(2, 10)}`,
          name: { fr: 'Veille numérique', en: 'Digital watch' },
        },
      },
      { token: owner.token },
    ),
  );
  return data.createWorkspace;
}

/** Invites `partner` into the workspace and has its admin accept. */
export async function addPartner(app: TestApp, inviter: TestUser, workspace: TestWorkspace, partner: TestOrganization, partnerAdmin: TestUser) {
  ok(
    await app.graphql(
      `mutation($input: WorkspaceOrganizationInput!) { invitePartner(input: $input) { status } }`,
      { input: { workspaceId: workspace.id, organizationId: partner.id } },
      { token: inviter.token },
    ),
  );
  ok(
    await app.graphql(
      `mutation($input: RespondToPartnerInvitationInput!) { respondToPartnerInvitation(input: $input) { status } }`,
      { input: { workspaceId: workspace.id, organizationId: partner.id, accept: true } },
      { token: partnerAdmin.token },
    ),
  );
}

export async function addWorkspaceMember(
  app: TestApp,
  manager: TestUser,
  workspace: TestWorkspace,
  user: TestUser,
  organization: TestOrganization,
  role: WorkspaceRoleName,
) {
  ok(
    await app.graphql(
      `mutation($input: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $input) { role } }`,
      { input: { workspaceId: workspace.id, userId: user.id, organizationId: organization.id, role } },
      { token: manager.token },
    ),
  );
}

/** A new member of `organization`, added to the workspace with `role`. */
export async function newWorkspaceMember(
  app: TestApp,
  world: Pick<World, 'workspace' | 'hostAdmin'>,
  organization: TestOrganization,
  organizationAdmin: TestUser,
  role: WorkspaceRoleName,
): Promise<TestUser> {
  const user = await registerUser(app);
  await addOrganizationMember(app, organizationAdmin, organization, user);
  await addWorkspaceMember(app, world.hostAdmin, world.workspace, user, organization, role);
  return user;
}

export async function createWorld(app: TestApp): Promise<World> {
  const hostAdmin = await registerUser(app, { displayName: 'Kema Joseph', domain: 'cco-bcc.gc.ca' });
  const partnerAdmin = await registerUser(app, { displayName: 'Patrick Parent', domain: 'egouv.quebec' });
  const outsider = await registerUser(app, { displayName: 'Morgan Outsider', domain: 'ville.example' });
  const host = await createOrganization(app, hostAdmin, {
    name: { fr: 'Bureau de la communauté des communications', en: 'Communications Community Office' },
    acronym: { fr: 'BCC', en: 'CCO' },
    jurisdiction: 'FEDERAL',
  });
  const partner = await createOrganization(app, partnerAdmin, {
    name: { fr: 'E-Gouv Québec', en: 'E-Gouv Québec' },
    jurisdiction: 'PROVINCIAL',
    region: 'CA-QC',
  });
  const outsiderOrganization = await createOrganization(app, outsider, { jurisdiction: 'MUNICIPAL', region: 'CA-ON' });
  const workspace = await createWorkspace(app, hostAdmin, host);
  await addPartner(app, hostAdmin, workspace, partner, partnerAdmin);
  const base = { workspace, hostAdmin };
  const people = {
    OWNER: hostAdmin,
    COORDINATOR: await newWorkspaceMember(app, base, host, hostAdmin, 'COORDINATOR'),
    EDITOR: await newWorkspaceMember(app, base, host, hostAdmin, 'EDITOR'),
    CONTRIBUTOR: await newWorkspaceMember(app, base, host, hostAdmin, 'CONTRIBUTOR'),
    OBSERVER: await newWorkspaceMember(app, base, host, hostAdmin, 'OBSERVER'),
    PARTNER_MEMBER: await newWorkspaceMember(app, base, partner, partnerAdmin, 'EDITOR'),
    OUTSIDER: outsider,
  };
  return {
    host,
    partner,
    outsiderOrganization,
    hostAdmin,
    partnerAdmin,
    workspace,
    people,
    tokenOf: (persona) => (persona === 'ANONYMOUS' ? undefined : people[persona].token),
  };
}
