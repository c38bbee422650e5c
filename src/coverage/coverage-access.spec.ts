import { WorkspaceAccess, WorkspaceRole } from '../workspaces';
import { actsFor, mayAnswerAssignment, mayCover, mayRevokeCalendarLink, mayUpdateCoverage, moversOf } from './coverage-access';

const host = 'org-host';
const partner = 'org-partner';
const as = (userId: string, role: WorkspaceRole, organizationId = host): WorkspaceAccess => ({ workspaceId: 'ws', userId, organizationId, role });
const assignedTo = (assigneeId: string | null) => ({ assigneeId });

describe('moversOf', () => {
  it('counts a role with coverage.manage as a manager, whoever the assignee is', () => {
    expect(moversOf(as('owner', WorkspaceRole.OWNER), assignedTo('someone'), { userId: 'owner' })).toEqual(['manager']);
    expect(moversOf(as('coordinator', WorkspaceRole.COORDINATOR), assignedTo(null), { userId: 'coordinator' })).toEqual(['manager']);
  });

  it('counts the assignee as the assignee, in any role, and only them', () => {
    expect(moversOf(as('writer', WorkspaceRole.CONTRIBUTOR), assignedTo('writer'), { userId: 'writer' })).toEqual(['assignee']);
    expect(moversOf(as('other', WorkspaceRole.EDITOR), assignedTo('writer'), { userId: 'other' })).toEqual([]);
  });

  it('counts a coordinator who is also the assignee as both', () => {
    expect(moversOf(as('coordinator', WorkspaceRole.COORDINATOR), assignedTo('coordinator'), { userId: 'coordinator' })).toEqual(['manager', 'assignee']);
  });
});

describe('mayUpdateCoverage', () => {
  it('lets the assignee update their coverage although their role does not manage coverage', () => {
    expect(mayUpdateCoverage(as('writer', WorkspaceRole.CONTRIBUTOR), assignedTo('writer'), { userId: 'writer' })).toBe(true);
  });

  it('lets a role with coverage.manage update anyone’s coverage', () => {
    expect(mayUpdateCoverage(as('coordinator', WorkspaceRole.COORDINATOR), assignedTo('writer'), { userId: 'coordinator' })).toBe(true);
  });

  it('refuses an editor or contributor who is not the assignee', () => {
    expect(mayUpdateCoverage(as('editor', WorkspaceRole.EDITOR), assignedTo('writer'), { userId: 'editor' })).toBe(false);
    expect(mayUpdateCoverage(as('other', WorkspaceRole.CONTRIBUTOR), assignedTo(null), { userId: 'other' })).toBe(false);
  });
});

describe('mayAnswerAssignment', () => {
  it('lets only the assignee answer, not even an owner', () => {
    expect(mayAnswerAssignment(assignedTo('writer'), { userId: 'writer' })).toBe(true);
    expect(mayAnswerAssignment(assignedTo('writer'), { userId: 'owner' })).toBe(false);
    expect(mayAnswerAssignment(assignedTo(null), { userId: 'owner' })).toBe(false);
  });
});

describe('actsFor', () => {
  it('needs access to the workspace, acting for the named organization', () => {
    expect(actsFor(as('writer', WorkspaceRole.CONTRIBUTOR, partner), partner)).toBe(true);
    expect(actsFor(as('writer', WorkspaceRole.CONTRIBUTOR, partner), host)).toBe(false);
    expect(actsFor(null, partner)).toBe(false);
  });
});

describe('mayCover', () => {
  it('takes a role that may update coverage, and refuses observers', () => {
    expect(mayCover(as('writer', WorkspaceRole.CONTRIBUTOR))).toBe(true);
    expect(mayCover(as('owner', WorkspaceRole.OWNER))).toBe(true);
    expect(mayCover(as('reader', WorkspaceRole.OBSERVER))).toBe(false);
  });
});

describe('mayRevokeCalendarLink', () => {
  it('lets only the owner of the link revoke it', () => {
    expect(mayRevokeCalendarLink({ ownerId: 'me' }, { userId: 'me' })).toBe(true);
    expect(mayRevokeCalendarLink({ ownerId: 'me' }, { userId: 'someone else' })).toBe(false);
  });
});
