import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction, NotificationsService } from '../activity';
import { ConflictError, ForbiddenError, PreconditionFailedError } from '../common/errors';
import { Actor } from '../common/request-context';
import { AccessPolicy, Visibility } from '../workspaces';
import { actsFor, approversToNotify, authoringOrganizations, hasAuthorFrom, maySubmit, REVIEWER_ROLES } from './article-access';
import { ArticleContext, assertNotArchived } from './article-context';
import { decisionNotices, reviewRequests } from './article-notices';
import { Approval, Article, ArticleAuthor, ArticleStatus, ReviewDecision } from './article.entity';
import { ArticleStore } from './article.store';
import { ReviewArticleInput } from './dto/article.inputs';
import { approvesCurrentText, latestDecisions } from './publication-rules';

/** Review: submitting an article to the organizations with an author, and each one's decision. */
@Injectable()
export class ArticleReviewService {
  constructor(
    private readonly store: ArticleStore,
    private readonly context: ArticleContext,
    private readonly policy: AccessPolicy,
    private readonly notifications: NotificationsService,
    private readonly dataSource: DataSource,
  ) {}

  /** Asks every organization with an author for its decision; its approvers who can see the article are notified. */
  async submitForReview(actor: Actor, articleId: string): Promise<Article> {
    const { article, access, authors } = await this.context.open(actor, articleId, 'article.submit');
    if (!maySubmit(access, authors, actor)) throw new ForbiddenError('Only an author or a coordinator submits the article');
    const approvers = await this.approversOf(article, authors, actor);
    await this.dataSource.transaction(async (tx) => {
      const locked = await this.store.lockForWrite(tx, article.id);
      assertNotArchived(locked);
      if (locked.status !== ArticleStatus.DRAFT) {
        throw new ConflictError(`The article is ${locked.status.toLowerCase().replace('_', ' ')}`, { status: locked.status });
      }
      if (!(await this.store.hasRevision(tx, articleId))) {
        throw new PreconditionFailedError('The article cannot be submitted yet', ['The article has no text yet']);
      }
      await this.store.updateArticle(tx, articleId, { status: ArticleStatus.IN_REVIEW });
      await this.context.record(tx, actor, article, AuditAction.articleSubmitted, {});
      await this.notifications.notify(reviewRequests(article, approvers), tx);
    });
    return { ...article, status: ArticleStatus.IN_REVIEW };
  }

  /** An owner or coordinator decides for the organization they act for, on the current pair of revisions. */
  async review(actor: Actor, input: ReviewArticleInput): Promise<Approval> {
    const { article, access, authors } = await this.context.open(actor, input.articleId, 'article.review');
    if (!actsFor(access, input.organizationId)) throw new ForbiddenError('You decide only for the organization you act for');
    if (!hasAuthorFrom(authors, input.organizationId)) {
      throw new PreconditionFailedError('This organization has no say on this article', ['The organization has no author on the article']);
    }
    if (article.status !== ArticleStatus.IN_REVIEW && article.status !== ArticleStatus.APPROVED) {
      throw new PreconditionFailedError('The article is not in review', [`The article is ${article.status}`]);
    }
    return this.dataSource.transaction(async (tx) => {
      await this.store.lockForWrite(tx, article.id);
      const current = await this.store.currentText(tx, article.id);
      const saved = await this.store.insertApproval(tx, {
        articleId: article.id,
        organizationId: input.organizationId,
        decision: input.decision,
        revisionFr: current.fr?.number ?? null,
        revisionEn: current.en?.number ?? null,
        comment: input.comment ?? null,
        decidedById: actor.userId,
      });
      const latest = latestDecisions(await this.store.decisionsIn(tx, article.id));
      const everyoneApproves = authoringOrganizations(authors).every((id) => approvesCurrentText(latest.get(id), current));
      const status =
        input.decision === ReviewDecision.REQUEST_CHANGES ? ArticleStatus.DRAFT : everyoneApproves ? ArticleStatus.APPROVED : ArticleStatus.IN_REVIEW;
      await this.store.updateArticle(tx, article.id, { status });
      const action = input.decision === ReviewDecision.APPROVE ? AuditAction.articleApproved : AuditAction.articleChangesRequested;
      await this.context.record(tx, actor, article, action, {
        organizationId: input.organizationId,
        revisionFr: saved.revisionFr,
        revisionEn: saved.revisionEn,
      });
      await this.notifications.notify(decisionNotices(actor, article, authors, input.decision), tx);
      return saved;
    });
  }

  /** The reviewers of the organizations with an author who can see the article, but the submitter. */
  private async approversOf(article: Article, authors: ArticleAuthor[], submitter: Actor): Promise<string[]> {
    const reviewersOf = (organizationIds: string[]) => this.policy.usersWithRole(article.workspaceId, organizationIds, REVIEWER_ROLES);
    const [ofAuthoringOrganizations, ofLeadOrganization] = await Promise.all([
      reviewersOf(authoringOrganizations(authors)),
      article.visibility === Visibility.ORGANIZATION ? reviewersOf([article.leadOrganizationId]) : [],
    ]);
    return approversToNotify(article, authors, { ofAuthoringOrganizations, ofLeadOrganization }, submitter);
  }
}
