import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations';
import { ArticleCommentsService } from './article-comments.service';
import { ArticleContext } from './article-context';
import { ArticlePublicationService } from './article-publication.service';
import { ArticleReadingService } from './article-reading.service';
import { ArticleReviewService } from './article-review.service';
import { ArticleWritingService } from './article-writing.service';
import { Approval, Article, ArticleAuthor, ArticleRevision, Comment, RepublicationGrant } from './article.entity';
import { ArticleLoaders } from './article.loaders';
import { ArticleStore } from './article.store';
import {
  ApprovalResolver,
  ArticleAuthorResolver,
  ArticleRevisionResolver,
  ArticlesResolver,
  CommentResolver,
  RepublicationGrantResolver,
  RepublicationResolver,
} from './articles.resolver';
import { CommentStore } from './comment.store';
import { RepublicationGrantStore } from './republication-grant.store';
import { RepublicationService } from './republication.service';

@Module({
  imports: [TypeOrmModule.forFeature([Article, ArticleAuthor, ArticleRevision, Approval, Comment, RepublicationGrant]), OrganizationsModule],
  providers: [
    ArticleStore,
    CommentStore,
    RepublicationGrantStore,
    ArticleContext,
    ArticleReadingService,
    ArticleWritingService,
    ArticleReviewService,
    ArticlePublicationService,
    ArticleCommentsService,
    RepublicationService,
    ArticleLoaders,
    ArticlesResolver,
    ArticleAuthorResolver,
    ArticleRevisionResolver,
    CommentResolver,
    ApprovalResolver,
    RepublicationGrantResolver,
    RepublicationResolver,
  ],
  exports: [ArticleReadingService],
})
export class ArticlesModule {}
