/** Emitted once a publication has committed: `{ articleId, workspaceId }`. */
export const ARTICLE_PUBLISHED = 'article.published';
export interface ArticlePublishedEvent {
  articleId: string;
  workspaceId: string;
}
