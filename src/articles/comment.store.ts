import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { inOrderOfKeys } from '../common/key-order';
import { Article, Comment } from './article.entity';
import { OLDEST_FIRST } from './article.projection';
import { READABLE_BY_VIEWER } from './article.store';

/** Every query of the comment threads of articles. */
@Injectable()
export class CommentStore {
  constructor(@InjectRepository(Comment) private readonly comments: Repository<Comment>) {}

  /** One comment by id, or null. */
  findById(commentId: string): Promise<Comment | null> {
    return this.comments.findOneBy({ id: commentId });
  }

  /** One comment of an article by id, or null. */
  findOf(articleId: string, commentId: string): Promise<Comment | null> {
    return this.comments.findOneBy({ id: commentId, articleId });
  }

  /** The comments of many articles, article by article as they are given, each thread oldest first: at most `limit` of them in all. */
  commentsOf(articleIds: readonly string[], limit: number): Promise<Comment[]> {
    const query = this.comments.createQueryBuilder('comment').where('comment.article_id IN (:...articleIds)', { articleIds });
    return inOrderOfKeys(query, 'comment.article_id', articleIds, 'uuid', limit).addOrderBy('comment.created_at', OLDEST_FIRST.createdAt).addOrderBy('comment.id', OLDEST_FIRST.id).getMany();
  }

  /** Of these comments, those on an article the viewer may read in its workspace, in one statement. */
  readableByIds(viewerId: string, commentIds: readonly string[]): Promise<Comment[]> {
    return this.comments
      .createQueryBuilder('comment')
      .innerJoin(Article, 'article', 'article.id = comment.article_id')
      .where('comment.id = ANY(:commentIds)', { commentIds })
      .andWhere(READABLE_BY_VIEWER, { viewerId })
      .getMany();
  }

  /** Inserts a comment and returns it with its generated columns. */
  insert(tx: EntityManager, comment: Pick<Comment, 'articleId' | 'revisionId' | 'quote' | 'body' | 'parentId' | 'authorId' | 'organizationId'>): Promise<Comment> {
    return tx.save(tx.create(Comment, comment));
  }

  /** Marks a thread resolved, unless it already is. */
  async resolve(tx: EntityManager, commentId: string, resolvedAt: Date, resolvedById: string): Promise<void> {
    await tx.update(Comment, { id: commentId, resolvedAt: IsNull() }, { resolvedAt, resolvedById });
  }
}
