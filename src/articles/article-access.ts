import { roleAllows, Visibility, WorkspaceAccess, WorkspaceRole } from '../workspaces';
import { Article, AuthorRole } from './article.entity';

/**
 * Who may do what to an article, beyond the roles of the policy table (which AccessPolicy.assert
 * checks first): the rules that depend on the article's authors and on the organization one acts
 * for. Pure functions; the services call them and refuse.
 */

type Person = { userId: string };
type Author = { userId: string; organizationId: string; role: AuthorRole };

/** The roles the policy lets review: owners and coordinators, who approve for their organization. */
export const REVIEWER_ROLES: readonly WorkspaceRole[] = Object.values(WorkspaceRole).filter((role) => roleAllows(role, 'article.review'));

/** A manager of the workspace's articles (coordinator, owner): whoever the policy lets review. */
export function managesArticles(access: Pick<WorkspaceAccess, 'role'>): boolean {
  return roleAllows(access.role, 'article.review');
}

/** Whether the person is one of the authors. */
export function isAuthor(authors: readonly Person[], person: Person): boolean {
  return authors.some((author) => author.userId === person.userId);
}

/** Whether the person is the lead author. */
export function isLeadAuthor(authors: readonly Author[], person: Person): boolean {
  return authors.some((author) => author.userId === person.userId && author.role === AuthorRole.LEAD);
}

/** Whether the access is on behalf of that organization: who leads, reviews for it, or writes for it. */
export function actsFor<T extends Pick<WorkspaceAccess, 'organizationId'>>(access: T | null, organizationId: string): access is T {
  return access?.organizationId === organizationId;
}

/** Whether the role writes articles (observers only read): what a new author needs. */
export function writesArticles(access: Pick<WorkspaceAccess, 'role'>): boolean {
  return roleAllows(access.role, 'article.write');
}

/** Whether the organization has an author on the article, and so a say in it. */
export function hasAuthorFrom(authors: readonly Author[], organizationId: string): boolean {
  return authors.some((author) => author.organizationId === organizationId);
}

/** The organizations with an author, each once. */
export function authoringOrganizations(authors: readonly Author[]): string[] {
  return [...new Set(authors.map((author) => author.organizationId))];
}

/** An author, a coordinator or an owner: who adds co-authors and submits for review. */
export function isAuthorOrManager(access: WorkspaceAccess, authors: readonly Author[], actor: Person): boolean {
  return managesArticles(access) || isAuthor(authors, actor);
}

/** The lead author, a coordinator or an owner: who publishes, archives and changes who sees the article. */
export function isLeadOrManager(access: WorkspaceAccess, authors: readonly Author[], actor: Person): boolean {
  return managesArticles(access) || isLeadAuthor(authors, actor);
}

export const mayAddAuthors = isAuthorOrManager;
export const maySubmit = isAuthorOrManager;
export const mayPublish = isLeadOrManager;
export const mayArchive = isLeadOrManager;
export const mayChangeVisibility = isLeadOrManager;

/** Only the article's authors write its text. */
export const mayWrite = isAuthor;

/** Publishing with a language missing or behind is a coordinator's or an owner's call. */
export const mayPublishUnilingual = managesArticles;

/** Contributors comment on, and resolve threads of, only the articles they write. */
export function mayComment(access: WorkspaceAccess, authors: readonly Author[], actor: Person): boolean {
  return access.role !== WorkspaceRole.CONTRIBUTOR || isAuthor(authors, actor);
}

/** Only an organization with an author grants republication. */
export function mayGrant(access: WorkspaceAccess, authors: readonly Author[]): boolean {
  return hasAuthorFrom(authors, access.organizationId);
}

/** Only the granting organization revokes its grant. */
export function mayRevokeGrant(access: WorkspaceAccess, grant: { grantorOrganizationId: string }): boolean {
  return actsFor(access, grant.grantorOrganizationId);
}

/** A grant is used by its grantee: one republishes for the organization one acts for in the target workspace. */
export function mayRepublish(access: WorkspaceAccess, grant: { granteeOrganizationId: string }): boolean {
  return actsFor(access, grant.granteeOrganizationId);
}

/** The reviewers of the organizations with an author, found per group: what `approversToNotify` chooses from. */
export interface Reviewers {
  /** Of every organization with an author. */
  ofAuthoringOrganizations: readonly string[];
  /** Of the lead organization (asked for internal articles only). */
  ofLeadOrganization: readonly string[];
}

/**
 * Who is asked for a review on submission: the reviewers of each organization with an author, but
 * the submitter. An internal (ORGANIZATION) article is hidden from another organization's reviewers
 * unless they are authors, so only the lead organization's reviewers and reviewing authors hear of it.
 */
export function approversToNotify(article: { visibility: Visibility }, authors: readonly Person[], reviewers: Reviewers, submitter: Person): string[] {
  const approvers =
    article.visibility === Visibility.ORGANIZATION
      ? [...reviewers.ofLeadOrganization, ...reviewers.ofAuthoringOrganizations.filter((userId) => isAuthor(authors, { userId }))]
      : reviewers.ofAuthoringOrganizations;
  return [...new Set(approvers)].filter((userId) => userId !== submitter.userId);
}

/**
 * Whether an organization as a whole (a webhook of it) may see the article: unless it is internal
 * to another organization. Named authors do not open an internal article to their organization.
 */
export function organizationMaySee(article: Pick<Article, 'visibility' | 'leadOrganizationId'>, organizationId: string): boolean {
  return article.visibility !== Visibility.ORGANIZATION || article.leadOrganizationId === organizationId;
}
