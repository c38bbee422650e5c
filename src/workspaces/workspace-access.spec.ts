import { awaitsAnswer, isActivePartner, keepsAnOwner, mayChangeRole, mayGrantRole, mayInviteAgain, mayLeave, mayRemoveMember, memberRemovalAction } from './workspace-access';
import { PartnerStatus, WorkspaceRole } from './workspace.entity';

const { OWNER, COORDINATOR, EDITOR, OBSERVER } = WorkspaceRole;
const owner = { userId: 'owner', role: OWNER };
const coordinator = { userId: 'coordinator', role: COORDINATOR };

describe('mayGrantRole', () => {
  it('lets an owner grant every role, OWNER included', () => {
    for (const role of Object.values(WorkspaceRole)) expect(mayGrantRole(owner, role)).toBe(true);
  });

  it('keeps the OWNER role from a coordinator, who grants every other role', () => {
    expect(mayGrantRole(coordinator, OWNER)).toBe(false);
    for (const role of [COORDINATOR, EDITOR, OBSERVER]) expect(mayGrantRole(coordinator, role)).toBe(true);
  });
});

describe('mayChangeRole', () => {
  it('refuses a coordinator both making and unmaking an owner', () => {
    expect(mayChangeRole(coordinator, EDITOR, OWNER)).toBe(false);
    expect(mayChangeRole(coordinator, OWNER, EDITOR)).toBe(false);
    expect(mayChangeRole(coordinator, EDITOR, OBSERVER)).toBe(true);
  });

  it('lets an owner demote another owner', () => {
    expect(mayChangeRole(owner, OWNER, COORDINATOR)).toBe(true);
  });
});

describe('mayRemoveMember', () => {
  it('lets a coordinator remove everyone but an owner', () => {
    expect(mayRemoveMember(coordinator, { userId: 'editor', role: EDITOR })).toBe(true);
    expect(mayRemoveMember(coordinator, { userId: 'owner', role: OWNER })).toBe(false);
    expect(mayRemoveMember(owner, { userId: 'other-owner', role: OWNER })).toBe(true);
  });

  it('lets anyone leave, whatever their role', () => {
    const observer = { userId: 'observer', role: OBSERVER };
    expect(mayRemoveMember(observer, observer)).toBe(true);
    expect(mayRemoveMember({ userId: 'owner', role: COORDINATOR }, owner)).toBe(true);
  });
});

describe('memberRemovalAction', () => {
  it('asks only for access to leave, and for managing members to remove someone else', () => {
    expect(memberRemovalAction('me', 'me')).toBe('workspace.read');
    expect(memberRemovalAction('me', 'someone')).toBe('workspace.manage_members');
  });
});

describe('keepsAnOwner', () => {
  it('refuses taking the role of the last owner, and only of an owner', () => {
    expect(keepsAnOwner(OWNER, 1)).toBe(false);
    expect(keepsAnOwner(OWNER, 2)).toBe(true);
    expect(keepsAnOwner(EDITOR, 1)).toBe(true);
  });
});

describe('mayLeave', () => {
  it('keeps the host organization in its workspace', () => {
    expect(mayLeave({ hostOrganizationId: 'host' }, 'host')).toBe(false);
    expect(mayLeave({ hostOrganizationId: 'host' }, 'partner')).toBe(true);
  });
});

describe('partner states', () => {
  it('invites again only an organization that declined or left', () => {
    expect(mayInviteAgain({ status: PartnerStatus.INVITED })).toBe(false);
    expect(mayInviteAgain({ status: PartnerStatus.ACTIVE })).toBe(false);
    expect(mayInviteAgain({ status: PartnerStatus.DECLINED })).toBe(true);
    expect(mayInviteAgain({ status: PartnerStatus.LEFT })).toBe(true);
  });

  it('answers an invitation once', () => {
    expect(awaitsAnswer({ status: PartnerStatus.INVITED })).toBe(true);
    for (const status of [PartnerStatus.ACTIVE, PartnerStatus.DECLINED, PartnerStatus.LEFT]) expect(awaitsAnswer({ status })).toBe(false);
  });

  it('counts only ACTIVE partners', () => {
    expect(isActivePartner({ status: PartnerStatus.ACTIVE })).toBe(true);
    expect(isActivePartner(null)).toBe(false);
    for (const status of [PartnerStatus.INVITED, PartnerStatus.DECLINED, PartnerStatus.LEFT]) expect(isActivePartner({ status })).toBe(false);
  });
});
