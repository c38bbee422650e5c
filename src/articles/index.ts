/** What other modules may use of the articles module. */
export { Article, ArticleRevision, Comment } from './article.entity';
export { ARTICLE_PUBLISHED, ArticlePublishedEvent } from './article.events';
export { ArticleReadingService, PublicAuthor, PublishedArticle } from './article-reading.service';
// The name coverage knows the reading service by (findVisible): the same provider.
export { ArticleReadingService as ArticlesService } from './article-reading.service';
export { ArticlesModule } from './articles.module';
export { articleSearch, ArticleStatus, commentSearch } from './article.search';
export { Republication } from './republication.model';
