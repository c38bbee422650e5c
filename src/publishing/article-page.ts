import { latestOf } from '../common/http-caching';
import { Language } from '../common/localized-text';
import type { ArticleRevision, PublicAuthor, PublishedArticle } from '../articles';
import type { Organization } from '../organizations';
import { escapeHtml, OTHER_LANGUAGE, PageAddresses, PublicPage, timeElement, WORDS } from './public-page';

/** The schema.org Organization of an organization, named in one language. */
export function organizationData(organization: Organization, language: Language): Record<string, unknown> {
  const acronym = organization.acronym[language];
  return { '@type': 'Organization', name: organization.name[language], ...(acronym ? { alternateName: acronym } : {}) };
}

/**
 * A republication's original as its page credits it: the granting organization, the grant's
 * conditions, and the original's page in each language, null once it has none (archived).
 */
export interface PageOrigin {
  organization: Organization;
  conditions: string;
  addresses: Record<Language, string> | null;
}

/** "Originally published by E-Gouv Québec: <the original's title, linked to its page while it has one>", then the grant's conditions in its own words. */
function attribution(origin: PageOrigin, language: Language, title: string, foreign: string): string {
  const words = WORDS[language];
  const link = origin.addresses ? `<a href="${escapeHtml(origin.addresses[language])}"${foreign}>${escapeHtml(title)}</a>` : `<cite${foreign}>${escapeHtml(title)}</cite>`;
  return [
    `<p class="attribution">${words.originallyPublishedBy} ${escapeHtml(origin.organization.name[language])}${words.colon} ${link}</p>`,
    `<p class="attribution">${words.republicationConditions} ${escapeHtml(origin.conditions)}</p>`,
  ].join('\n');
}

function authorData(author: PublicAuthor, language: Language): Record<string, unknown> {
  return { '@type': 'Person', name: author.displayName, affiliation: organizationData(author.organization, language) };
}

/**
 * The page of a published article in one language. A language that was not published shows the
 * other one's text, marked with its language, under a notice in the page's own. A republication
 * credits its original (`origin`): attribution and conditions, canonical link and `isBasedOn`.
 */
export function articlePage(published: PublishedArticle, language: Language, siteName: string, addresses: PageAddresses, origin: PageOrigin | null = null): PublicPage {
  const shown = published.revisions[language] ? language : OTHER_LANGUAGE[language];
  // Publication needs a text in at least one language.
  const revision = published.revisions[shown] as ArticleRevision;
  const words = WORDS[language];
  const foreign = shown === language ? '' : ` lang="${shown}"`;
  const publishedAt = published.article.publishedAt as Date;
  // The row may have changed last before its publication was stamped: a page is never modified before it is published.
  const modifiedAt = latestOf([publishedAt, published.article.updatedAt]);
  const organizations = [...new Map(published.authors.map((author) => [author.organization.id, author.organization])).values()];
  const content = [
    foreign ? `<p class="notice">${words.onlyIn}</p>` : '',
    '<article>',
    `<h1${foreign}>${escapeHtml(revision.title)}</h1>`,
    `<p class="byline">${escapeHtml(published.byline[language])}</p>`,
    `<p class="meta">${words.published} ${timeElement(publishedAt, language)}</p>`,
    origin ? attribution(origin, language, revision.title, foreign) : '',
    `<div class="body"${foreign}>`,
    revision.summary ? `<p><strong>${escapeHtml(revision.summary)}</strong></p>` : '',
    // Stored rich text is sanitized on the way in: safe to render as it is.
    revision.body,
    '</div>',
    '</article>',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    language,
    title: revision.title,
    description: revision.summary,
    siteName,
    feedTitle: siteName,
    addresses,
    ...(origin?.addresses ? { canonical: origin.addresses[language] } : {}),
    publishedAt,
    modifiedAt,
    content,
    structuredData: {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: revision.title,
      ...(revision.summary ? { description: revision.summary } : {}),
      inLanguage: shown,
      datePublished: publishedAt.toISOString(),
      dateModified: modifiedAt.toISOString(),
      url: addresses[language],
      mainEntityOfPage: addresses[language],
      author: published.authors.map((author) => authorData(author, language)),
      ...(published.leadOrganization ? { publisher: organizationData(published.leadOrganization, language) } : {}),
      sourceOrganization: organizations.map((organization) => organizationData(organization, language)),
      ...(origin?.addresses ? { isBasedOn: origin.addresses[language] } : {}),
    },
  };
}
