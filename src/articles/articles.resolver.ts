import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { User, userLoader, UsersService } from '../auth';
import { ParseIdPipe } from '../common/id.pipe';
import { byKeys, groupByKeys, Loaders, RequestLoaders } from '../common/loaders';
import { Language, LocalizedText } from '../common/localized-text';
import { ConnectionType } from '../common/pagination';
import { Actor, CurrentActor } from '../common/request-context';
import { Organization, organizationLoader, OrganizationsService } from '../organizations';
import { Approval, Article, ArticleAuthor, ArticleRevision, Comment, RepublicationGrant } from './article.entity';
import { ArticlesService } from './articles.service';
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
  RevokeRepublicationGrantInput,
  SaveArticleRevisionInput,
} from './dto/article.inputs';
import { byline, CurrentRevisions, isOnCurrentText, signature } from './publication-rules';

const ArticleConnection = ConnectionType(Article);

/** Loader keys are `articleId:language[:number]`. */
function parseKey(key: string): { articleId: string; language: Language } {
  const [articleId, language] = key.split(':');
  return { articleId, language: language as Language };
}

/** The loaders of an article page: each is one query per request, whatever the page size. */
class ArticleLoaders {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly articles: ArticlesService,
  ) {}

  authors(articleId: string) {
    return this.loaders
      .get<string, ArticleAuthor[]>('articleAuthors', async (ids) => groupByKeys(ids, await this.articles.authorsOfArticles(ids), (author) => author.articleId))
      .load(articleId);
  }

  approvals(articleId: string) {
    return this.loaders
      .get<string, Approval[]>('articleApprovals', async (ids) => groupByKeys(ids, await this.articles.approvalsOfArticles(ids), (approval) => approval.articleId))
      .load(articleId);
  }

  currentRevision(articleId: string, language: Language) {
    return this.loaders
      .get<string, ArticleRevision | null>('currentRevision', async (keys) => {
        return byKeys(keys, await this.articles.latestRevisions(keys.map(parseKey)), (revision) => `${revision.articleId}:${revision.language}`);
      })
      .load(`${articleId}:${language}`);
  }

  revisions(articleId: string, language: Language) {
    return this.loaders
      .get<string, ArticleRevision[]>('articleRevisions', async (keys) =>
        groupByKeys(keys, await this.articles.revisionsOfArticles(keys.map(parseKey)), (revision) => `${revision.articleId}:${revision.language}`),
      )
      .load(`${articleId}:${language}`);
  }

  revision(articleId: string, language: Language, number: number) {
    return this.loaders
      .get<string, ArticleRevision | null>('articleRevisionByNumber', async (keys) => {
        const wanted = keys.map((key) => ({ ...parseKey(key), number: Number(key.split(':')[2]) }));
        return byKeys(keys, await this.articles.revisionsByNumber(wanted), (revision) => `${revision.articleId}:${revision.language}:${revision.number}`);
      })
      .load(`${articleId}:${language}:${number}`);
  }

  comments(articleId: string) {
    return this.loaders
      .get<string, Comment[]>('articleComments', async (ids) => groupByKeys(ids, await this.articles.commentsOfArticles(ids), (comment) => comment.articleId))
      .load(articleId);
  }

  republicationGrants(articleId: string) {
    return this.loaders
      .get<string, RepublicationGrant[]>('articleGrants', async (ids) => groupByKeys(ids, await this.articles.grantsOfArticles(ids), (grant) => grant.articleId))
      .load(articleId);
  }

  async current(articleId: string): Promise<CurrentRevisions> {
    const [fr, en] = await Promise.all([this.currentRevision(articleId, Language.fr), this.currentRevision(articleId, Language.en)]);
    return { ...(fr && { fr }), ...(en && { en }) };
  }
}

@Resolver(() => Article)
export class ArticlesResolver {
  constructor(
    private readonly articles: ArticlesService,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  @Query(() => Article, { nullable: true, description: 'NOT_FOUND when the caller may not see it' })
  article(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, new ParseIdPipe('Article')) id: string) {
    return this.articles.findVisible(actor, id);
  }

  @Query(() => ArticleConnection, { name: 'articles', description: 'Newest first; internal articles only to their organization and authors' })
  articlesOfWorkspace(@CurrentActor() actor: Actor, @Args() args: ArticlesArgs) {
    return this.articles.list(actor, args);
  }

  @Mutation(() => Article, { description: 'The creator becomes LEAD author, for the organization they act for' })
  createArticle(@CurrentActor() actor: Actor, @Args('input') input: CreateArticleInput) {
    return this.articles.create(actor, input);
  }

  @Mutation(() => Article)
  addArticleAuthor(@CurrentActor() actor: Actor, @Args('input') input: AddArticleAuthorInput) {
    return this.articles.addAuthor(actor, input);
  }

  @Mutation(() => ArticleRevision, { description: 'CONFLICT, with the current revision, when baseRevision is not the latest' })
  saveArticleRevision(@CurrentActor() actor: Actor, @Args('input') input: SaveArticleRevisionInput) {
    return this.articles.saveRevision(actor, input);
  }

  @Mutation(() => Article)
  submitArticleForReview(@CurrentActor() actor: Actor, @Args('input') input: ArticleIdInput) {
    return this.articles.submitForReview(actor, input.articleId);
  }

  @Mutation(() => Approval)
  reviewArticle(@CurrentActor() actor: Actor, @Args('input') input: ReviewArticleInput) {
    return this.articles.review(actor, input);
  }

  @Mutation(() => Article, { description: 'PRECONDITION_FAILED listing every reason when it cannot be published yet' })
  publishArticle(@CurrentActor() actor: Actor, @Args('input') input: PublishArticleInput) {
    return this.articles.publish(actor, input);
  }

  @Mutation(() => Article, { description: 'Retires the article: out of the public feed, read-only' })
  archiveArticle(@CurrentActor() actor: Actor, @Args('input') input: ArticleIdInput) {
    return this.articles.archive(actor, input.articleId);
  }

  @Mutation(() => Article)
  changeArticleVisibility(@CurrentActor() actor: Actor, @Args('input') input: ChangeArticleVisibilityInput) {
    return this.articles.changeVisibility(actor, input);
  }

  @Mutation(() => Comment)
  addComment(@CurrentActor() actor: Actor, @Args('input') input: AddCommentInput) {
    return this.articles.addComment(actor, input);
  }

  @Mutation(() => Comment)
  resolveComment(@CurrentActor() actor: Actor, @Args('input') input: ResolveCommentInput) {
    return this.articles.resolveComment(actor, input.commentId);
  }

  @Mutation(() => RepublicationGrant)
  grantRepublication(@CurrentActor() actor: Actor, @Args('input') input: GrantRepublicationInput) {
    return this.articles.grantRepublication(actor, input);
  }

  @Mutation(() => RepublicationGrant)
  revokeRepublicationGrant(@CurrentActor() actor: Actor, @Args('input') input: RevokeRepublicationGrantInput) {
    return this.articles.revokeRepublication(actor, input.grantId);
  }

  @ResolveField(() => Organization)
  leadOrganization(@Parent() article: Article, @Loaders() loaders: RequestLoaders) {
    return organizationLoader(loaders, this.organizations).load(article.leadOrganizationId);
  }

  @ResolveField(() => [ArticleAuthor], { description: 'In byline order' })
  authors(@Parent() article: Article, @Loaders() loaders: RequestLoaders) {
    return new ArticleLoaders(loaders, this.articles).authors(article.id);
  }

  @ResolveField(() => LocalizedText, { description: '"Patrick Parent (E-Gouv Québec), en collaboration avec Kema Joseph (BCC)"' })
  async byline(@Parent() article: Article, @Loaders() loaders: RequestLoaders): Promise<LocalizedText> {
    const authors = await new ArticleLoaders(loaders, this.articles).authors(article.id);
    const [people, organizations] = await Promise.all([
      userLoader(loaders, this.users).loadMany(authors.map((author) => author.userId)),
      organizationLoader(loaders, this.organizations).loadMany(authors.map((author) => author.organizationId)),
    ]);
    return byline(
      authors.map((author, index) => ({
        ...author,
        displayName: (people[index] as User).displayName,
        organization: signature(organizations[index] as Organization),
      })),
    );
  }

  @ResolveField(() => ArticleRevision, { nullable: true })
  currentRevision(@Parent() article: Article, @Args('language', { type: () => Language }) language: Language, @Loaders() loaders: RequestLoaders) {
    return new ArticleLoaders(loaders, this.articles).currentRevision(article.id, language);
  }

  @ResolveField(() => ArticleRevision, { nullable: true, description: 'The frozen published text of a language' })
  publishedRevision(@Parent() article: Article, @Args('language', { type: () => Language }) language: Language, @Loaders() loaders: RequestLoaders) {
    const number = language === Language.fr ? article.publishedRevisionFr : article.publishedRevisionEn;
    return number ? new ArticleLoaders(loaders, this.articles).revision(article.id, language, number) : null;
  }

  @ResolveField(() => [ArticleRevision], { description: 'Oldest first' })
  revisions(@Parent() article: Article, @Args('language', { type: () => Language }) language: Language, @Loaders() loaders: RequestLoaders) {
    return new ArticleLoaders(loaders, this.articles).revisions(article.id, language);
  }

  @ResolveField(() => String, { description: 'A unified diff of the text between two revisions of one language; BAD_USER_INPUT for an unknown number' })
  async diff(@Parent() article: Article, @Args() args: DiffArgs, @Loaders() loaders: RequestLoaders) {
    const load = new ArticleLoaders(loaders, this.articles);
    const [before, after] = await Promise.all([load.revision(article.id, args.language, args.from), load.revision(article.id, args.language, args.to)]);
    return this.articles.diff(args, before, after);
  }

  @ResolveField(() => [Approval], { description: 'Every decision, newest first' })
  approvals(@Parent() article: Article, @Loaders() loaders: RequestLoaders) {
    return new ArticleLoaders(loaders, this.articles).approvals(article.id);
  }

  @ResolveField(() => [Comment], { description: 'Oldest first; replies name their parent' })
  comments(@Parent() article: Article, @Loaders() loaders: RequestLoaders) {
    return new ArticleLoaders(loaders, this.articles).comments(article.id);
  }

  @ResolveField(() => [RepublicationGrant], { description: 'Revoked ones included (revokedAt), oldest first' })
  republicationGrants(@Parent() article: Article, @Loaders() loaders: RequestLoaders) {
    return new ArticleLoaders(loaders, this.articles).republicationGrants(article.id);
  }
}

@Resolver(() => ArticleAuthor)
export class ArticleAuthorResolver {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => User)
  user(@Parent() author: ArticleAuthor, @Loaders() loaders: RequestLoaders) {
    return userLoader(loaders, this.users).load(author.userId);
  }

  @ResolveField(() => Organization)
  organization(@Parent() author: ArticleAuthor, @Loaders() loaders: RequestLoaders) {
    return organizationLoader(loaders, this.organizations).load(author.organizationId);
  }
}

/** Who wrote what: a revision's and a comment's author. */
@Resolver(() => ArticleRevision)
export class ArticleRevisionResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User)
  author(@Parent() revision: ArticleRevision, @Loaders() loaders: RequestLoaders) {
    return userLoader(loaders, this.users).load(revision.authorId);
  }
}

@Resolver(() => Comment)
export class CommentResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User)
  author(@Parent() comment: Comment, @Loaders() loaders: RequestLoaders) {
    return userLoader(loaders, this.users).load(comment.authorId);
  }
}

@Resolver(() => Approval)
export class ApprovalResolver {
  constructor(
    private readonly articles: ArticlesService,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => User)
  decidedBy(@Parent() approval: Approval, @Loaders() loaders: RequestLoaders) {
    return userLoader(loaders, this.users).load(approval.decidedById);
  }

  @ResolveField(() => Organization)
  organization(@Parent() approval: Approval, @Loaders() loaders: RequestLoaders) {
    return organizationLoader(loaders, this.organizations).load(approval.organizationId);
  }

  @ResolveField(() => Boolean, { description: 'A decision on an earlier pair of revisions than the current one' })
  async stale(@Parent() approval: Approval, @Loaders() loaders: RequestLoaders): Promise<boolean> {
    const current = await new ArticleLoaders(loaders, this.articles).current(approval.articleId);
    return !isOnCurrentText(approval, current);
  }
}

@Resolver(() => RepublicationGrant)
export class RepublicationGrantResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @ResolveField(() => Organization)
  granteeOrganization(@Parent() grant: RepublicationGrant, @Loaders() loaders: RequestLoaders) {
    return organizationLoader(loaders, this.organizations).load(grant.granteeOrganizationId);
  }

  @ResolveField(() => Organization)
  grantorOrganization(@Parent() grant: RepublicationGrant, @Loaders() loaders: RequestLoaders) {
    return organizationLoader(loaders, this.organizations).load(grant.grantorOrganizationId);
  }
}

