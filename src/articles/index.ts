/** What other modules may use of the articles module. */
export { Article } from './article.entity';
export { ArticlesModule } from './articles.module';
export { ARTICLE_PUBLISHED, ArticlePublishedEvent, ArticlesService } from './articles.service';
