import { latestOf } from '../common/http-caching';
import { Language } from '../common/localized-text';
import type { Organization } from '../organizations';
import { digestTitle, RenderableDigest, renderDigestFragment } from '../sources';
import { organizationData } from './article-page';
import { escapeHtml, PageAddresses, PublicPage, timeElement, WORDS } from './public-page';

/** The page of a published digest in one language: its introduction in that language, each item in its own. */
export function digestPage(
  digest: RenderableDigest & { publishedAt: Date; updatedAt: Date },
  host: Organization | null,
  language: Language,
  addresses: PageAddresses,
): PublicPage {
  const words = WORDS[language];
  const title = digestTitle(digest, language);
  const siteName = digest.workspaceName[language];
  const modifiedAt = latestOf([digest.publishedAt, digest.updatedAt]);
  const published = host ? `${words.publishedBy} ${escapeHtml(host.name[language])} ${words.on}` : words.published;
  return {
    language,
    title,
    description: digest.introduction?.[language] ?? title,
    siteName,
    feedTitle: siteName,
    addresses,
    publishedAt: digest.publishedAt,
    modifiedAt,
    content: [
      '<article>',
      renderDigestFragment(digest, [language]),
      `<p class="meta">${published} ${timeElement(digest.publishedAt, language)}</p>`,
      '</article>',
    ].join('\n'),
    structuredData: {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: title,
      ...(digest.introduction ? { description: digest.introduction[language] } : {}),
      inLanguage: language,
      datePublished: digest.publishedAt.toISOString(),
      dateModified: modifiedAt.toISOString(),
      url: addresses[language],
      mainEntityOfPage: addresses[language],
      author: { '@type': 'Organization', name: siteName },
      ...(host ? { publisher: organizationData(host, language), sourceOrganization: organizationData(host, language) } : {}),
    },
  };
}
