import { emailIsInDomains, holdsRole, invitationRefusals, isAdmin, keepsAnAdmin, mayAcceptInvitation, maySeeJoinRequest, removalNeedsAdmin } from './organization-access';
import { OrganizationRole } from './organization.entity';

const { ADMIN, MEMBER } = OrganizationRole;
const admin = { role: ADMIN };
const member = { role: MEMBER };

describe('isAdmin and holdsRole', () => {
  it('tells admins from members and from people outside', () => {
    expect(isAdmin(admin)).toBe(true);
    expect(isAdmin(member)).toBe(false);
    expect(isAdmin(null)).toBe(false);
  });

  it('lets members read what members read, and only admins manage', () => {
    expect(holdsRole(member, [ADMIN, MEMBER])).toBe(true);
    expect(holdsRole(member, [ADMIN])).toBe(false);
    expect(holdsRole(undefined, [ADMIN, MEMBER])).toBe(false);
  });
});

describe('removalNeedsAdmin', () => {
  it('lets members remove themselves, and no one else', () => {
    expect(removalNeedsAdmin('me', 'me')).toBe(false);
    expect(removalNeedsAdmin('me', 'someone')).toBe(true);
  });
});

describe('keepsAnAdmin', () => {
  it('refuses taking the role of the last admin, and only of an admin', () => {
    expect(keepsAnAdmin(ADMIN, 1)).toBe(false);
    expect(keepsAnAdmin(ADMIN, 2)).toBe(true);
    expect(keepsAnAdmin(MEMBER, 1)).toBe(true);
  });
});

describe('emailIsInDomains', () => {
  it('admits an address of a domain or of a sub-domain, in any case', () => {
    expect(emailIsInDomains('jean@gouv.qc.ca', ['gouv.qc.ca'])).toBe(true);
    expect(emailIsInDomains('jean@MCN.Gouv.QC.ca', ['gouv.qc.ca'])).toBe(true);
  });

  it('refuses look-alike domains', () => {
    expect(emailIsInDomains('jean@evilgouv.qc.ca', ['gouv.qc.ca'])).toBe(false);
    expect(emailIsInDomains('jean@gouv.qc.ca.example', ['gouv.qc.ca'])).toBe(false);
    expect(emailIsInDomains('jean@gouv.qc.ca', [])).toBe(false);
  });
});

describe('invitations', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const fresh = { email: 'kema@cco-bcc.gc.ca', acceptedAt: null, expiresAt: new Date('2026-03-08T12:00:00Z') };

  it('are accepted only by the holder of the invited address', () => {
    expect(mayAcceptInvitation('kema@cco-bcc.gc.ca', fresh)).toBe(true);
    expect(mayAcceptInvitation('alex@cco-bcc.gc.ca', fresh)).toBe(false);
    expect(mayAcceptInvitation(undefined, fresh)).toBe(false);
  });

  it('are accepted while unused, unexpired and their sender still an admin', () => {
    expect(invitationRefusals(fresh, admin, now)).toEqual([]);
  });

  it('give every reason they can no longer be accepted', () => {
    expect(invitationRefusals({ ...fresh, acceptedAt: now, expiresAt: now }, member, now)).toEqual([
      'The invitation was already used',
      'The invitation has expired',
      'The person who sent the invitation is no longer an admin of the organization',
    ]);
    expect(invitationRefusals(fresh, null, now)).toEqual(['The person who sent the invitation is no longer an admin of the organization']);
  });
});

describe('maySeeJoinRequest', () => {
  it('shows a request to the admins and to the person who asked, only', () => {
    const request = { userId: 'asker' };
    expect(maySeeJoinRequest(admin, request, 'admin')).toBe(true);
    expect(maySeeJoinRequest(null, request, 'asker')).toBe(true);
    expect(maySeeJoinRequest(member, request, 'someone')).toBe(false);
  });
});
