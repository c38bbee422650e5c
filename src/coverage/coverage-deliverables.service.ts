import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { AuditAction, AuditService } from '../activity';
import { Article, ARTICLE_PUBLISHED, ArticlePublishedEvent, ArticlesService } from '../articles';
import { BadUserInputError, NotFoundError } from '../common/errors';
import { Actor } from '../common/request-context';
import { CoverageStatus, statusesMovableTo } from './coverage-state';
import { CoverageStore } from './coverage.store';
import { Coverage } from './event.entity';

/** The articles coverage delivers: which one may be named, who sees it, and what its publication does. */
@Injectable()
export class CoverageDeliverablesService {
  constructor(
    private readonly store: CoverageStore,
    private readonly dataSource: DataSource,
    private readonly articles: ArticlesService,
    private readonly audit: AuditService,
  ) {}

  /** An article of the coverage's workspace that the caller can see. */
  async deliverableArticle(actor: Actor, articleId: string, workspaceId: string): Promise<Article> {
    const article = await this.articles.findVisible(actor, articleId);
    if (article.workspaceId !== workspaceId) throw BadUserInputError.field('deliverableArticleId', 'must be an article of the same workspace');
    return article;
  }

  /** The deliverable article of each coverage, for this viewer: null when there is none or they may not see it. */
  async deliverableArticlesFor(viewer: Actor, coverages: readonly Coverage[]): Promise<(Article | null)[]> {
    // One lookup per distinct article: ArticlesService offers no batched visibility check yet.
    const ids = [...new Set(coverages.flatMap((coverage) => (coverage.deliverableArticleId ? [coverage.deliverableArticleId] : [])))];
    const found = new Map(await Promise.all(ids.map(async (id) => [id, await this.articles.findVisible(viewer, id).catch(nullIfNotFound)] as const)));
    return coverages.map((coverage) => (coverage.deliverableArticleId && found.get(coverage.deliverableArticleId)) || null);
  }

  /** An article delivered for a coverage got published: the coverage is published too (from IN_PROGRESS or FILED). */
  @OnEvent(ARTICLE_PUBLISHED, { promisify: true })
  async onArticlePublished({ articleId, workspaceId }: ArticlePublishedEvent): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const delivered = await this.store.lockDeliveriesOf(tx, articleId, workspaceId, statusesMovableTo(CoverageStatus.PUBLISHED, 'publication'));
      for (const coverage of delivered) {
        await this.store.publishCoverage(tx, coverage);
        await this.audit.record(
          {
            actorId: null,
            action: AuditAction.coverageUpdated,
            resourceType: 'coverage',
            resourceId: coverage.id,
            workspaceId,
            details: { eventId: coverage.eventId, from: coverage.status, to: CoverageStatus.PUBLISHED, articleId },
          },
          tx,
        );
      }
    });
  }
}

function nullIfNotFound(error: unknown): null {
  if (error instanceof NotFoundError) return null;
  throw error;
}
