import { NewNotification, NotificationKind } from '../activity';
import { Digest } from './digest.entity';

/** Whoever built a digest hears that it is published, unless they published it themselves. */
export function publicationNotices(actor: { userId: string }, digest: Pick<Digest, 'id' | 'workspaceId' | 'createdById'>): NewNotification[] {
  if (!digest.createdById || digest.createdById === actor.userId) return [];
  return [
    {
      userId: digest.createdById,
      kind: NotificationKind.digestPublished,
      workspaceId: digest.workspaceId,
      resourceType: 'digest',
      resourceId: digest.id,
      message: { fr: 'Un condensé que vous avez préparé est publié', en: 'A digest you prepared was published' },
    },
  ];
}
