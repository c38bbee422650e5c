import { Args, ID, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { User, userLoader, UsersService } from '../auth';
import { ParseIdPipe } from '../common/id.pipe';
import { Loaders, loadersOf, RequestLoaders } from '../common/loaders';
import { Language, LocalizedText } from '../common/localized-text';
import { ConnectionType } from '../common/pagination';
import { connectionNodes, FieldArgument } from '../common/projection';
import { Actor, CurrentActor, GraphQLContext } from '../common/request-context';
import { Organization, organizationLoader, OrganizationsService } from '../organizations';
import { ArticleCommentsService } from './article-comments.service';
import { ArticlePublicationService } from './article-publication.service';
import { ArticleReadingService } from './article-reading.service';
import { ArticleReviewService } from './article-review.service';
import { ArticleWritingService } from './article-writing.service';
import { Approval, Article, ArticleAuthor, ArticleRevision, Comment, RepublicationGrant } from './article.entity';
import { ArticleLoaders } from './article.loaders';
import {
  AddArticleAuthorInput,
  AddCommentInput,
  ArticleIdInput,
  ArticlesArgs,
  ChangeArticleVisibilityInput,
  CreateArticleInput,
  DiffArgs,
  GrantRepublicationInput,
  PublishArticleInput,
  ResolveCommentInput,
  ReviewArticleInput,
  RepublishArticleInput,
  RevokeRepublicationGrantInput,
  SaveArticleRevisionInput,
} from './dto/article.inputs';
import { isOnCurrentText } from './publication-rules';
import { Republication } from './republication.model';
import { RepublicationService } from './republication.service';

const ArticleConnection = ConnectionType(Article);

interface LanguageArgs {
  language: Language;
}

@Resolver(() => Article)
export class ArticlesResolver {
  constructor(
    private readonly reading: ArticleReadingService,
    private readonly writing: ArticleWritingService,
    private readonly reviewing: ArticleReviewService,
    private readonly publishing: ArticlePublicationService,
    private readonly commenting: ArticleCommentsService,
    private readonly republishing: RepublicationService,
    private readonly load: ArticleLoaders,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => Article, { nullable: true, description: 'NOT_FOUND when the caller may not see it' })
  article(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, new ParseIdPipe('Article')) id: string) {
    return this.reading.findVisible(actor, id);
  }

  @Query(() => ArticleConnection, { name: 'articles', description: 'Newest first; internal articles only to their organization and authors' })
  articlesOfWorkspace(@CurrentActor() actor: Actor, @Args() args: ArticlesArgs, @Info() info: GraphQLResolveInfo) {
    return this.reading.list(actor, args, connectionNodes(info));
  }

  @Mutation(() => Article, { description: 'The creator becomes LEAD author, for the organization they act for' })
  createArticle(@CurrentActor() actor: Actor, @Args('input') input: CreateArticleInput) {
    return this.writing.create(actor, input);
  }

  @Mutation(() => Article)
  addArticleAuthor(@CurrentActor() actor: Actor, @Args('input') input: AddArticleAuthorInput) {
    return this.writing.addAuthor(actor, input);
  }

  @Mutation(() => ArticleRevision, { description: 'CONFLICT, with the current revision, when baseRevision is not the latest' })
  saveArticleRevision(@CurrentActor() actor: Actor, @Args('input') input: SaveArticleRevisionInput) {
    return this.writing.saveRevision(actor, input);
  }

  @Mutation(() => Article)
  submitArticleForReview(@CurrentActor() actor: Actor, @Args('input') input: ArticleIdInput) {
    return this.reviewing.submitForReview(actor, input.articleId);
  }

  @Mutation(() => Approval)
  reviewArticle(@CurrentActor() actor: Actor, @Args('input') input: ReviewArticleInput) {
    return this.reviewing.review(actor, input);
  }

  @Mutation(() => Article, { description: 'PRECONDITION_FAILED listing every reason when it cannot be published yet' })
  publishArticle(@CurrentActor() actor: Actor, @Args('input') input: PublishArticleInput) {
    return this.publishing.publish(actor, input);
  }

  @Mutation(() => Article, { description: 'Retires the article: out of the public feed, read-only' })
  archiveArticle(@CurrentActor() actor: Actor, @Args('input') input: ArticleIdInput) {
    return this.publishing.archive(actor, input.articleId);
  }

  @Mutation(() => Article)
  changeArticleVisibility(@CurrentActor() actor: Actor, @Args('input') input: ChangeArticleVisibilityInput) {
    return this.publishing.changeVisibility(actor, input);
  }

  @Mutation(() => Comment)
  addComment(@CurrentActor() actor: Actor, @Args('input') input: AddCommentInput) {
    return this.commenting.addComment(actor, input);
  }

  @Mutation(() => Comment)
  resolveComment(@CurrentActor() actor: Actor, @Args('input') input: ResolveCommentInput) {
    return this.commenting.resolveComment(actor, input.commentId);
  }

  @Mutation(() => RepublicationGrant)
  grantRepublication(@CurrentActor() actor: Actor, @Args('input') input: GrantRepublicationInput) {
    return this.republishing.grant(actor, input);
  }

  @Mutation(() => RepublicationGrant, { description: 'Withdraws (archives) what was republished under the grant, in the same transaction' })
  revokeRepublicationGrant(@CurrentActor() actor: Actor, @Args('input') input: RevokeRepublicationGrantInput) {
    return this.republishing.revoke(actor, input.grantId);
  }

  @Mutation(() => Article, {
    description: "The grantee's copy of a PUBLIC published article in one of its workspaces, published at once, PUBLIC, with the original's published text; once per grant and workspace",
  })
  republishArticle(@CurrentActor() actor: Actor, @Args('input') input: RepublishArticleInput) {
    return this.republishing.republish(actor, input);
  }

  @ResolveField(() => Organization)
  leadOrganization(article: Article, _: unknown, context: GraphQLContext) {
    return organizationLoader(loadersOf(context.req), this.organizations).load(article.leadOrganizationId);
  }

  @ResolveField(() => [ArticleAuthor], { description: 'In byline order' })
  authors(article: Article, _: unknown, context: GraphQLContext) {
    return this.load.authors(loadersOf(context.req), article.id);
  }

  @ResolveField(() => LocalizedText, {
    description: '"Patrick Parent (E-Gouv Québec), en collaboration avec Kema Joseph (BCC)"; a republication credits its original\'s authors',
  })
  byline(article: Article, _: unknown, context: GraphQLContext): Promise<LocalizedText> {
    return this.load.byline(loadersOf(context.req), article.republishedFromId ?? article.id);
  }

  @ResolveField(() => ArticleRevision, { nullable: true })
  @FieldArgument('language', () => Language)
  currentRevision(article: Article, { language }: LanguageArgs, context: GraphQLContext) {
    return this.load.currentRevision(loadersOf(context.req), article.id, language);
  }

  @ResolveField(() => ArticleRevision, { nullable: true, description: 'The frozen published text of a language' })
  @FieldArgument('language', () => Language)
  publishedRevision(article: Article, { language }: LanguageArgs, context: GraphQLContext) {
    const number = language === Language.fr ? article.publishedRevisionFr : article.publishedRevisionEn;
    return number ? this.load.revision(loadersOf(context.req), article.id, language, number) : null;
  }

  @ResolveField(() => [ArticleRevision], { description: 'Oldest first' })
  @FieldArgument('language', () => Language)
  revisions(article: Article, { language }: LanguageArgs, context: GraphQLContext) {
    return this.load.revisions(loadersOf(context.req), article.id, language);
  }

  // A diff of two long revisions is tens of milliseconds of the event loop: it costs as a page of a thousand objects.
  @ResolveField(() => String, { complexity: 1000, description: 'A unified diff of the text between two revisions of one language; BAD_USER_INPUT for an unknown number. Costs 1,000' })
  async diff(@Parent() article: Article, @Args() args: DiffArgs, @Loaders() loaders: RequestLoaders) {
    const [before, after] = await Promise.all([
      this.load.revision(loaders, article.id, args.language, args.from),
      this.load.revision(loaders, article.id, args.language, args.to),
    ]);
    return this.reading.diff(args, before, after);
  }

  @ResolveField(() => [Approval], { description: 'Every decision, newest first' })
  approvals(article: Article, _: unknown, context: GraphQLContext) {
    return this.load.approvals(loadersOf(context.req), article.id);
  }

  @ResolveField(() => [Comment], { description: 'Oldest first; replies name their parent' })
  comments(article: Article, _: unknown, context: GraphQLContext) {
    return this.load.commentsOf(loadersOf(context.req), article.id);
  }

  @ResolveField(() => Republication, { nullable: true, description: 'Where a republished article comes from; null for an original' })
  republishedFrom(article: Article, _: unknown, context: GraphQLContext): Promise<Republication | null> {
    return this.load.republication(loadersOf(context.req), article);
  }

  @ResolveField(() => [RepublicationGrant], { description: 'Revoked ones included (revokedAt), oldest first' })
  republicationGrants(article: Article, _: unknown, context: GraphQLContext) {
    return this.load.grantsOf(loadersOf(context.req), article.id);
  }
}

// The field resolvers below are bound directly by Nest (no parameter decorators): GraphQL calls them
// with (source, args, context), only for what no SQL projection computed (see withProjectedFieldsRead).

@Resolver(() => ArticleAuthor)
export class ArticleAuthorResolver {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => User)
  user(author: ArticleAuthor, _: unknown, context: GraphQLContext) {
    return userLoader(loadersOf(context.req), this.users).load(author.userId);
  }

  @ResolveField(() => Organization)
  organization(author: ArticleAuthor, _: unknown, context: GraphQLContext) {
    return organizationLoader(loadersOf(context.req), this.organizations).load(author.organizationId);
  }
}

/** Who wrote what: a revision's and a comment's author. */
@Resolver(() => ArticleRevision)
export class ArticleRevisionResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User)
  author(revision: ArticleRevision, _: unknown, context: GraphQLContext) {
    return userLoader(loadersOf(context.req), this.users).load(revision.authorId);
  }
}

@Resolver(() => Comment)
export class CommentResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User)
  author(comment: Comment, _: unknown, context: GraphQLContext) {
    return userLoader(loadersOf(context.req), this.users).load(comment.authorId);
  }
}

@Resolver(() => Approval)
export class ApprovalResolver {
  constructor(
    private readonly load: ArticleLoaders,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => User)
  decidedBy(approval: Approval, _: unknown, context: GraphQLContext) {
    return userLoader(loadersOf(context.req), this.users).load(approval.decidedById);
  }

  @ResolveField(() => Organization)
  organization(approval: Approval, _: unknown, context: GraphQLContext) {
    return organizationLoader(loadersOf(context.req), this.organizations).load(approval.organizationId);
  }

  @ResolveField(() => Boolean, { description: 'A decision on an earlier pair of revisions than the current one' })
  async stale(approval: Approval, _: unknown, context: GraphQLContext): Promise<boolean> {
    const current = await this.load.current(loadersOf(context.req), approval.articleId);
    return !isOnCurrentText(approval, current);
  }
}

@Resolver(() => RepublicationGrant)
export class RepublicationGrantResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @ResolveField(() => Organization)
  granteeOrganization(grant: RepublicationGrant, _: unknown, context: GraphQLContext) {
    return organizationLoader(loadersOf(context.req), this.organizations).load(grant.granteeOrganizationId);
  }

  @ResolveField(() => Organization)
  grantorOrganization(grant: RepublicationGrant, _: unknown, context: GraphQLContext) {
    return organizationLoader(loadersOf(context.req), this.organizations).load(grant.grantorOrganizationId);
  }
}

@Resolver(() => Republication)
export class RepublicationResolver {
  constructor(
    private readonly reading: ArticleReadingService,
    private readonly organizations: OrganizationsService,
  ) {}

  @ResolveField(() => Organization, { description: 'The organization that granted the republication' })
  organization(republication: Republication, _: unknown, context: GraphQLContext) {
    return organizationLoader(loadersOf(context.req), this.organizations).load(republication.grantorOrganizationId);
  }

  @ResolveField(() => Article, { nullable: true, description: 'The original, for a reader who may see it in its own workspace; null otherwise' })
  article(republication: Republication, _: unknown, context: GraphQLContext) {
    return this.reading.findReadable(context.req.user as Actor, republication.originalId);
  }
}
