import { OrganizationRole } from '../organizations';
import { WorkspaceRole } from '../workspaces';
import { mayManageOrganizationSources, mayShare, mayUnshare } from './source-access';

const source = { organizationId: 'owner' };
const actingFor = (organizationId: string, role: WorkspaceRole) => ({ organizationId, role });

describe('mayManageOrganizationSources', () => {
  it('is any member of the organization, admin or not', () => {
    expect(mayManageOrganizationSources(OrganizationRole.ADMIN)).toBe(true);
    expect(mayManageOrganizationSources(OrganizationRole.MEMBER)).toBe(true);
  });

  it('is nobody outside it', () => {
    expect(mayManageOrganizationSources(null)).toBe(false);
    expect(mayManageOrganizationSources(undefined)).toBe(false);
  });
});

describe('mayShare', () => {
  it('is a member acting for the owning organization in a role that shares', () => {
    expect(mayShare(actingFor('owner', WorkspaceRole.CONTRIBUTOR), source)).toBe(true);
  });

  it('refuses one acting for another organization, whatever the role', () => {
    expect(mayShare(actingFor('partner', WorkspaceRole.OWNER), source)).toBe(false);
  });

  it('refuses a role that does not share, even acting for the owning organization', () => {
    expect(mayShare(actingFor('owner', WorkspaceRole.OBSERVER), source)).toBe(false);
  });
});

describe('mayUnshare', () => {
  it('is whoever may share the source', () => {
    expect(mayUnshare(actingFor('owner', WorkspaceRole.CONTRIBUTOR), source)).toBe(true);
  });

  it("is the workspace's managers, for any partner's source", () => {
    expect(mayUnshare(actingFor('partner', WorkspaceRole.COORDINATOR), source)).toBe(true);
    expect(mayUnshare(actingFor('partner', WorkspaceRole.OWNER), source)).toBe(true);
  });

  it('refuses others acting for another organization, and observers of the owning one', () => {
    expect(mayUnshare(actingFor('partner', WorkspaceRole.EDITOR), source)).toBe(false);
    expect(mayUnshare(actingFor('owner', WorkspaceRole.OBSERVER), source)).toBe(false);
  });
});
