import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations';
import { Approval, Article, ArticleAuthor, ArticleRevision, Comment, RepublicationGrant } from './article.entity';
import { ArticlesFeedController } from './articles.feed.controller';
import {
  ApprovalResolver,
  ArticleAuthorResolver,
  ArticleRevisionResolver,
  ArticlesResolver,
  CommentResolver,
  RepublicationGrantResolver,
} from './articles.resolver';
import { ArticlesService } from './articles.service';

@Module({
  imports: [TypeOrmModule.forFeature([Article, ArticleAuthor, ArticleRevision, Approval, Comment, RepublicationGrant]), OrganizationsModule],
  controllers: [ArticlesFeedController],
  providers: [ArticlesService, ArticlesResolver, ArticleAuthorResolver, ArticleRevisionResolver, CommentResolver, ApprovalResolver, RepublicationGrantResolver],
  exports: [ArticlesService],
})
export class ArticlesModule {}
