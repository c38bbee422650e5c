import { Visibility, WorkspaceAccess, WorkspaceRole } from '../workspaces';
import {
  actsFor,
  approversToNotify,
  authoringOrganizations,
  hasAuthorFrom,
  isAuthor,
  isAuthorOrManager,
  isLeadAuthor,
  isLeadOrManager,
  managesArticles,
  mayAddAuthors,
  mayArchive,
  mayChangeVisibility,
  mayComment,
  mayGrant,
  mayPublish,
  mayPublishUnilingual,
  mayRepublish,
  mayRevokeGrant,
  maySubmit,
  mayWrite,
  REVIEWER_ROLES,
  writesArticles,
} from './article-access';
import { AuthorRole } from './article.entity';

const HOST = 'org-host';
const PARTNER = 'org-partner';
const lead = { userId: 'patrick', organizationId: HOST, role: AuthorRole.LEAD };
const coAuthor = { userId: 'kema', organizationId: PARTNER, role: AuthorRole.CO_AUTHOR };
const authors = [lead, coAuthor];
const outsider = { userId: 'alex' };

const access = (role: WorkspaceRole, userId = outsider.userId, organizationId = HOST): WorkspaceAccess => ({ workspaceId: 'ws', userId, organizationId, role });
const { OWNER, COORDINATOR, EDITOR, CONTRIBUTOR, OBSERVER } = WorkspaceRole;

describe('the article managers', () => {
  it('are the owners and coordinators, whom the policy lets review', () => {
    expect([...REVIEWER_ROLES].sort()).toEqual([COORDINATOR, OWNER].sort());
    expect([OWNER, COORDINATOR].map((role) => managesArticles(access(role)))).toEqual([true, true]);
    expect([EDITOR, CONTRIBUTOR, OBSERVER].map((role) => managesArticles(access(role)))).toEqual([false, false, false]);
  });
});

describe('authors', () => {
  it('are the people named on the article, whatever their role', () => {
    expect(isAuthor(authors, lead)).toBe(true);
    expect(isAuthor(authors, coAuthor)).toBe(true);
    expect(isAuthor(authors, outsider)).toBe(false);
  });

  it('have one lead', () => {
    expect(isLeadAuthor(authors, lead)).toBe(true);
    expect(isLeadAuthor(authors, coAuthor)).toBe(false);
  });

  it('give their organizations a say, each once', () => {
    expect(authoringOrganizations([...authors, { ...coAuthor, userId: 'sam' }])).toEqual([HOST, PARTNER]);
    expect(hasAuthorFrom(authors, PARTNER)).toBe(true);
    expect(hasAuthorFrom(authors, 'org-other')).toBe(false);
  });
});

describe('acting for an organization', () => {
  it('is having access on its behalf', () => {
    expect(actsFor(access(EDITOR), HOST)).toBe(true);
    expect(actsFor(access(EDITOR), PARTNER)).toBe(false);
    expect(actsFor(null, HOST)).toBe(false);
  });
});

describe('a new author', () => {
  it('holds a role that writes: observers only read', () => {
    expect([OWNER, COORDINATOR, EDITOR, CONTRIBUTOR].every((role) => writesArticles(access(role)))).toBe(true);
    expect(writesArticles(access(OBSERVER))).toBe(false);
  });
});

describe('writing', () => {
  it('is for the authors only', () => {
    expect(mayWrite(authors, coAuthor)).toBe(true);
    expect(mayWrite(authors, outsider)).toBe(false);
  });
});

describe.each([
  ['adding authors', mayAddAuthors],
  ['submitting', maySubmit],
  ['either (isAuthorOrManager)', isAuthorOrManager],
])('%s', (_, rule) => {
  it('is for an author or a manager', () => {
    expect(rule(access(EDITOR, coAuthor.userId, PARTNER), authors, coAuthor)).toBe(true);
    expect(rule(access(COORDINATOR), authors, outsider)).toBe(true);
    expect(rule(access(EDITOR), authors, outsider)).toBe(false);
  });
});

describe.each([
  ['publishing', mayPublish],
  ['archiving', mayArchive],
  ['changing visibility', mayChangeVisibility],
  ['any of them (isLeadOrManager)', isLeadOrManager],
])('%s', (_, rule) => {
  it('is for the lead author or a manager, not a co-author', () => {
    expect(rule(access(CONTRIBUTOR, lead.userId), authors, lead)).toBe(true);
    expect(rule(access(OWNER), authors, outsider)).toBe(true);
    expect(rule(access(EDITOR, coAuthor.userId, PARTNER), authors, coAuthor)).toBe(false);
  });
});

describe('publishing with a language missing or behind', () => {
  it('is a manager’s call, not the lead author’s', () => {
    expect(mayPublishUnilingual(access(COORDINATOR))).toBe(true);
    expect(mayPublishUnilingual(access(EDITOR, lead.userId))).toBe(false);
  });
});

describe('commenting', () => {
  it('is open to editors and managers, and to contributors only on what they write', () => {
    expect(mayComment(access(EDITOR), authors, outsider)).toBe(true);
    expect(mayComment(access(COORDINATOR), authors, outsider)).toBe(true);
    expect(mayComment(access(CONTRIBUTOR, coAuthor.userId, PARTNER), authors, coAuthor)).toBe(true);
    expect(mayComment(access(CONTRIBUTOR), authors, outsider)).toBe(false);
  });
});

describe('republication grants', () => {
  it('are given by an organization with an author', () => {
    expect(mayGrant(access(COORDINATOR, outsider.userId, PARTNER), authors)).toBe(true);
    expect(mayGrant(access(COORDINATOR, outsider.userId, 'org-other'), authors)).toBe(false);
  });

  it('are revoked by the granting organization only', () => {
    expect(mayRevokeGrant(access(OWNER, outsider.userId, PARTNER), { grantorOrganizationId: PARTNER })).toBe(true);
    expect(mayRevokeGrant(access(OWNER), { grantorOrganizationId: PARTNER })).toBe(false);
  });

  it('lets only the grantee use a grant, for the organization one acts for in the target workspace', () => {
    expect(mayRepublish(access(OWNER, outsider.userId, PARTNER), { granteeOrganizationId: PARTNER })).toBe(true);
    expect(mayRepublish(access(OWNER), { granteeOrganizationId: PARTNER })).toBe(false);
  });
});

describe('approversToNotify', () => {
  const reviewers = { ofAuthoringOrganizations: ['sophie', 'kema', 'jo'], ofLeadOrganization: ['sophie'] };

  it('asks every reviewer of the authoring organizations of a shared article', () => {
    expect(approversToNotify({ visibility: Visibility.WORKSPACE }, authors, reviewers, outsider)).toEqual(['sophie', 'kema', 'jo']);
  });

  it('asks of an internal article only the lead organization’s reviewers and those who are authors', () => {
    expect(approversToNotify({ visibility: Visibility.ORGANIZATION }, authors, reviewers, outsider)).toEqual(['sophie', 'kema']);
  });

  it('does not ask the submitter', () => {
    expect(approversToNotify({ visibility: Visibility.WORKSPACE }, authors, reviewers, { userId: 'sophie' })).toEqual(['kema', 'jo']);
  });
});
