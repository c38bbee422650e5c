import { Injectable } from '@nestjs/common';
import { type Notification, NotificationKind } from '../activity';
import { ArticleReadingService } from '../articles';
import { CoverageDueSoonService } from '../coverage';
import { OrganizationsService } from '../organizations';
import { AccessPolicy, canSee } from '../workspaces';

type Notice = Pick<Notification, 'userId' | 'kind' | 'workspaceId' | 'organizationId' | 'resourceType' | 'resourceId'>;

/**
 * Whether the addressee of a notice may still see what it is about, asked when its message is
 * built rather than when it was written: access to the workspace now, and for an article its
 * visibility now (an ORGANIZATION-visible article never reaches a partner's member); for a notice
 * to the admins of an organization, being one of them now. A coverage due soon must also still be:
 * theirs, open and not past due.
 */
@Injectable()
export class NoticeAudience {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly articles: ArticleReadingService,
    private readonly coverageDueSoon: CoverageDueSoonService,
    private readonly organizations: OrganizationsService,
  ) {}

  async maySee(notice: Notice): Promise<boolean> {
    if (notice.kind === NotificationKind.coverageDueSoon && !(await this.coverageDueSoon.stillDueSoon(notice.resourceId, notice.userId))) return false;
    if (notice.organizationId && !(await this.organizations.isAdmin(notice.userId, notice.organizationId))) return false;
    if (!notice.workspaceId) return true;
    const access = await this.policy.accessOf({ userId: notice.userId }, notice.workspaceId);
    if (!access) return false;
    if (notice.resourceType !== 'article') return true;
    const article = await this.articles.visibilityOf(notice.resourceId);
    return !!article && canSee(access, article);
  }

  /** Of `notices`, those their addressee may still see, in order. */
  async visibleAmong<T extends Notice>(notices: readonly T[]): Promise<T[]> {
    const seen = await Promise.all(notices.map((notice) => this.maySee(notice)));
    return notices.filter((_, index) => seen[index]);
  }
}
