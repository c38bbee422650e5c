import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityKind, NotificationsService } from '../activity';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { Actor } from '../common/request-context';
import { mayComment } from './article-access';
import { ArticleContext, assertNotArchived } from './article-context';
import { mentionedIn, mentionNotices } from './article-notices';
import { Comment } from './article.entity';
import { ArticleStore } from './article.store';
import { CommentStore } from './comment.store';
import { AddCommentInput } from './dto/article.inputs';
import { quotesRevision } from './revision-text';

/** Comment threads: each anchored to a revision and a passage it quotes exactly, resolved as a whole. */
@Injectable()
export class ArticleCommentsService {
  constructor(
    private readonly store: ArticleStore,
    private readonly comments: CommentStore,
    private readonly context: ArticleContext,
    private readonly notifications: NotificationsService,
    private readonly dataSource: DataSource,
  ) {}

  /** A new thread on a passage of a revision, or a reply in an existing thread; the members it mentions who may read the article are notified. */
  async addComment(actor: Actor, input: AddCommentInput): Promise<Comment> {
    const { article, access, authors } = await this.context.open(actor, input.articleId, 'article.comment');
    if (!mayComment(access, authors, actor)) throw new ForbiddenError('Contributors comment on the articles they write');
    assertNotArchived(article);
    let revisionId: string;
    let quote: string | null = input.quote ?? null;
    if (input.parentId) {
      const parent = await this.comments.findOf(article.id, input.parentId);
      if (!parent) throw new NotFoundError('Comment');
      revisionId = parent.revisionId;
    } else {
      if (!input.revisionId) throw BadUserInputError.field('revisionId', 'a new thread is anchored to a revision');
      const revision = await this.store.revisionOf(article.id, input.revisionId);
      if (!revision) throw new NotFoundError('Revision');
      if (!quote) throw BadUserInputError.field('quote', 'a new thread quotes the passage it is about');
      if (!quotesRevision(revision, quote)) throw BadUserInputError.field('quote', 'must be a passage of the revision, quoted exactly');
      quote = quote.trim();
      revisionId = revision.id;
    }
    const comment = {
      articleId: article.id,
      revisionId,
      quote,
      body: input.body,
      parentId: input.parentId ?? null,
      authorId: actor.userId,
      organizationId: access.organizationId,
    };
    // A mention reaches only who may read the article: naming someone does not show it to them.
    const mentioned = await this.context.readersAmong(article, authors, mentionedIn(input.body));
    return this.dataSource.transaction(async (tx) => {
      const added = await this.comments.insert(tx, comment);
      await this.context.announce(tx, actor, article, ActivityKind.articleCommentAdded, { type: 'comment', id: added.id });
      await this.notifications.notify(mentionNotices(actor, article, mentioned), tx);
      return added;
    });
  }

  /** A thread is resolved by whoever may comment; once. */
  async resolveComment(actor: Actor, commentId: string): Promise<Comment> {
    const comment = await this.comments.findById(commentId);
    if (!comment) throw new NotFoundError('Comment');
    const { article, access, authors } = await this.context.open(actor, comment.articleId, 'article.comment', 'Comment');
    if (!mayComment(access, authors, actor)) throw new ForbiddenError('Contributors resolve threads on the articles they write');
    if (comment.parentId) throw new PreconditionFailedError('Replies are resolved with their thread', ['Resolve the first comment of the thread']);
    if (comment.resolvedAt) throw new ConflictError('This thread is already resolved', { resolvedAt: comment.resolvedAt.toISOString() });
    const resolvedAt = new Date();
    await this.dataSource.transaction(async (tx) => {
      await this.comments.resolve(tx, comment.id, resolvedAt, actor.userId);
      await this.context.announce(tx, actor, article, ActivityKind.articleCommentResolved, { type: 'comment', id: comment.id });
    });
    return { ...comment, resolvedAt, resolvedById: actor.userId };
  }
}
