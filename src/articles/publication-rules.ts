import { Language, LocalizedText } from '../common/localized-text';
import { Visibility } from '../workspaces';
import { type Article, ArticleStatus, AuthorRole, ReviewDecision } from './article.entity';

/** What the rules need to know of an author. */
export interface BylineAuthor {
  displayName: string;
  role: AuthorRole;
  bylineOrder: number;
  /** The organization as it signs, per language: its acronym, or its name. */
  organization: LocalizedText;
}

/** What a byline needs of an organization. */
export interface SigningOrganization {
  name: LocalizedText;
  acronym: { fr: string | null; en: string | null };
}

/** How an organization signs: its acronym in that language, else its name. */
export function signature(organization: SigningOrganization): LocalizedText {
  return { fr: organization.acronym.fr ?? organization.name.fr, en: organization.acronym.en ?? organization.name.en };
}

/**
 * Whether anyone may read the article without signing in: published, PUBLIC and not archived. The
 * rule of ArticleStore's PUBLICLY_READABLE, for a row already loaded.
 */
export function isPubliclyReadable(article: Pick<Article, 'visibility' | 'publishedAt' | 'status'>): boolean {
  return article.visibility === Visibility.PUBLIC && article.publishedAt !== null && article.status !== ArticleStatus.ARCHIVED;
}

const COLLABORATION = { fr: 'en collaboration avec', en: 'in collaboration with' } as const;
const AND = { fr: 'et', en: 'and' } as const;

function joinNames(names: string[], language: Language): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${AND[language]} ${names.at(-1)}`;
}

/**
 * The byline, in both languages: the first author, then "en collaboration avec" / "in collaboration
 * with" the others. Contributors help but do not sign.
 * "Patrick Parent (E-Gouv Québec), en collaboration avec Kema Joseph (BCC)".
 */
export function byline(authors: BylineAuthor[]): LocalizedText {
  const signing = signingAuthors(authors);
  const line = (language: Language) => {
    const [first, ...others] = signing.map((author) => `${author.displayName} (${author.organization[language]})`);
    if (!first) return '';
    return others.length ? `${first}, ${COLLABORATION[language]} ${joinNames(others, language)}` : first;
  };
  return { fr: line(Language.fr), en: line(Language.en) };
}

/** The authors who sign, in byline order: the lead first, then by byline order; contributors do not sign. */
export function signingAuthors<T extends Pick<BylineAuthor, 'role' | 'bylineOrder'>>(authors: readonly T[]): T[] {
  return authors
    .filter((author) => author.role !== AuthorRole.CONTRIBUTOR)
    .sort((a, b) => Number(b.role === AuthorRole.LEAD) - Number(a.role === AuthorRole.LEAD) || a.bylineOrder - b.bylineOrder);
}

/** The byline of authors, with their people and organizations found by id (a missing name signs blank). */
export function bylineOf(
  authors: readonly { userId: string; organizationId: string; role: AuthorRole; bylineOrder: number }[],
  people: readonly ({ id: string; displayName: string } | null)[],
  organizations: readonly ((SigningOrganization & { id: string }) | null)[],
): LocalizedText {
  const names = new Map(people.flatMap((person) => (person ? [[person.id, person.displayName] as const] : [])));
  const signatures = new Map(organizations.flatMap((organization) => (organization ? [[organization.id, signature(organization)] as const] : [])));
  return byline(
    authors.map((author) => ({ ...author, displayName: names.get(author.userId) ?? '', organization: signatures.get(author.organizationId) as LocalizedText })),
  );
}

/** The latest revision of one language, as far as being in step is concerned. */
export interface LatestRevision {
  number: number;
  createdAt: Date;
  /** The other language's revision this text follows (is a translation of, or is in step with). */
  translationOf: number | null;
}

export type CurrentRevisions = Partial<Record<Language, LatestRevision>>;

const OTHER: Record<Language, Language> = { fr: Language.en, en: Language.fr };
export const LANGUAGE_NAME: Record<Language, string> = { fr: 'French', en: 'English' };

/**
 * The languages whose current text is behind the other's. The two are in step when either current
 * text follows the other's current one. Otherwise the one that follows an older revision of the
 * other is behind; failing that, the one written before the other's latest change.
 */
export function behindLanguages(current: CurrentRevisions): Language[] {
  const { fr, en } = current;
  if (!fr || !en || fr.translationOf === en.number || en.translationOf === fr.number) return [];
  const followingOlder = ([Language.fr, Language.en] as const).filter((language) => {
    const followed = current[language]?.translationOf ?? null;
    return followed !== null && followed < (current[OTHER[language]] as LatestRevision).number;
  });
  if (followingOlder.length) return followingOlder;
  return [fr.createdAt.getTime() <= en.createdAt.getTime() ? Language.fr : Language.en];
}

/**
 * What a new revision of `language` follows when its author does not say: a language that is
 * missing or behind catches up with the other language's current text; a language in step is
 * changed, and the other language then has to follow it.
 */
export function followedByDefault(language: Language, current: CurrentRevisions): number | null {
  const theirs = current[OTHER[language]];
  if (!theirs) return null;
  return !current[language] || behindLanguages(current).includes(language) ? theirs.number : null;
}

export interface OrganizationDecision {
  decision: ReviewDecision;
  revisionFr: number | null;
  revisionEn: number | null;
}

/** Whether a decision was made on exactly the current pair of revisions. */
export function isOnCurrentText(decision: Omit<OrganizationDecision, 'decision'>, current: CurrentRevisions): boolean {
  return decision.revisionFr === (current.fr?.number ?? null) && decision.revisionEn === (current.en?.number ?? null);
}

/** Whether an organization's latest decision approves exactly the current pair of revisions. */
export function approvesCurrentText(latest: OrganizationDecision | undefined, current: CurrentRevisions): boolean {
  return latest?.decision === ReviewDecision.APPROVE && isOnCurrentText(latest, current);
}

/** Each organization's most recent decision, from decisions sorted newest first. */
export function latestDecisions<T extends OrganizationDecision & { organizationId: string }>(decisions: readonly T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const decision of decisions) if (!latest.has(decision.organizationId)) latest.set(decision.organizationId, decision);
  return latest;
}

export interface PublicationState {
  status: ArticleStatus;
  current: CurrentRevisions;
  published: { fr: number | null; en: number | null };
  /** Each organization with an author, its name, and its latest decision. */
  organizations: { name: string; latest?: OrganizationDecision }[];
  unilingualReason?: string;
}

/** Every reason the article cannot be published now; none means it can. */
export function publicationBlockers(state: PublicationState): string[] {
  const reasons: string[] = [];
  if (state.status === ArticleStatus.ARCHIVED) reasons.push('The article is archived');
  if (state.status === ArticleStatus.DRAFT) reasons.push('The article has not been submitted for review');
  const languages = [Language.fr, Language.en];
  if (languages.every((language) => !state.current[language])) reasons.push('The article has no text yet');
  else if (languages.every((language) => (state.current[language]?.number ?? null) === state.published[language])) {
    reasons.push('This exact text is already published');
  }
  if (!state.unilingualReason) {
    for (const language of languages) {
      if (!state.current[language]) reasons.push(`The ${LANGUAGE_NAME[language]} version is missing`);
    }
    for (const language of behindLanguages(state.current)) {
      reasons.push(`The ${LANGUAGE_NAME[language]} version is behind a later change in ${LANGUAGE_NAME[OTHER[language]]}`);
    }
  }
  for (const organization of state.organizations) {
    if (!approvesCurrentText(organization.latest, state.current)) {
      reasons.push(
        organization.latest?.decision === ReviewDecision.APPROVE
          ? `The approval of ${organization.name} is stale: the text changed since`
          : `${organization.name} has not approved the current text`,
      );
    }
  }
  return reasons;
}

/** What republishing needs of the original: published, public, not archived. */
export interface RepublicationSource {
  status: ArticleStatus;
  publishedAt: Date | null;
  visibility: Visibility;
}

/**
 * Every reason an original cannot be republished now; none means it can. Only a PUBLIC article is
 * republished: a text shared within its workspace would otherwise leave it as a public copy.
 */
export function republicationBlockers(original: RepublicationSource): string[] {
  const reasons: string[] = [];
  if (original.status === ArticleStatus.ARCHIVED) reasons.push('The article is archived');
  if (!original.publishedAt) reasons.push('The article is not published');
  if (original.visibility !== Visibility.PUBLIC) reasons.push('Only a public article is republished');
  return reasons;
}
