import { ADDRESS_NOT_VERIFIED, addressRefusals, emailIsInDomains, hasSecondFactor, holdsRole, invitationRefusals, isAdmin, keepsAnAdmin, mayAcceptInvitation, maySeeJoinRequest, mfaHoldsBack, removalNeedsAdmin } from './organization-access';
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

describe('mfaHoldsBack', () => {
  it('holds back an admin without MFA only where the organization requires it', () => {
    expect(mfaHoldsBack(true, false)).toBe(true);
    expect(mfaHoldsBack(true, true)).toBe(false);
    expect(mfaHoldsBack(false, false)).toBe(false);
    expect(mfaHoldsBack(false, true)).toBe(false);
  });
});

describe('hasSecondFactor', () => {
  it('takes an enrolled account and a session that passed the second factor', () => {
    expect(hasSecondFactor({ secondFactor: true }, true)).toBe(true);
    expect(hasSecondFactor({ secondFactor: false }, true)).toBe(false);
    expect(hasSecondFactor({}, true)).toBe(false);
    expect(hasSecondFactor({ secondFactor: true }, false)).toBe(false);
  });

  it("takes the creator's enrolment for an API token, which has no session", () => {
    expect(hasSecondFactor({ apiToken: { id: 't' } }, true)).toBe(true);
    expect(hasSecondFactor({ apiToken: { id: 't' } }, false)).toBe(false);
  });
});

describe('addressRefusals', () => {
  const verified = { email: 'jean@mcn.gouv.qc.ca', emailVerifiedAt: new Date('2026-12-01T12:00:00Z') };
  it('counts an address only once verified', () => {
    expect(addressRefusals(verified)).toEqual([]);
    expect(addressRefusals({ ...verified, emailVerifiedAt: null })).toEqual([ADDRESS_NOT_VERIFIED]);
    expect(addressRefusals(null)).toEqual([ADDRESS_NOT_VERIFIED]);
  });

  it('for a domain, also only while the address is in it', () => {
    expect(addressRefusals(verified, ['gouv.qc.ca'])).toEqual([]);
    expect(addressRefusals({ ...verified, emailVerifiedAt: null }, ['canada.ca'])).toEqual([
      ADDRESS_NOT_VERIFIED,
      "The e-mail address is not in one of the organization's domains",
    ]);
  });
});
