import { Language } from '../common/localized-text';

/**
 * The public addresses of what a workspace publishes, relative to the public base URL. Articles and
 * digests have no slug of their own (titles change, and differ by language): their stable address
 * is their id.
 */
export const publicAddresses = {
  article: (language: Language, workspaceSlug: string, articleId: string) => `/${language}/${encodeURIComponent(workspaceSlug)}/articles/${articleId}`,
  digest: (language: Language, workspaceSlug: string, digestId: string) => `/${language}/${encodeURIComponent(workspaceSlug)}/digests/${digestId}`,
  feed: (workspaceSlug: string, kind: PublicFeedKind, format: FeedFormat) => `/feeds/${encodeURIComponent(workspaceSlug)}/${kind}.${format}`,
};

export type PublicFeedKind = 'articles' | 'digests';
export type FeedFormat = 'atom' | 'json';
