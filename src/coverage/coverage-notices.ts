import { NewNotification, NotificationKind } from '../activity';
import { LocalizedText } from '../common/localized-text';
import { Actor } from '../common/request-context';
import { COMMITTED, CoverageStatus } from './coverage-state';
import { Coverage, Event } from './event.entity';

/** Who hears of what happens to a coverage, and in which words: every coverage notice is written here. */

function notice(coverage: Coverage, userId: string, kind: NotificationKind, message: LocalizedText): NewNotification {
  return { userId, kind, workspaceId: coverage.workspaceId, resourceType: 'coverage', resourceId: coverage.id, message };
}

/** A new assignee hears of it, and so does the one it was taken from. */
export function assignmentNotices(coverage: Coverage, assigneeId: string, previousAssigneeId: string | null): NewNotification[] {
  return [
    notice(coverage, assigneeId, NotificationKind.coverageAssigned, { fr: 'Une couverture vous est confiée', en: 'A coverage was assigned to you' }),
    ...(previousAssigneeId
      ? [notice(coverage, previousAssigneeId, NotificationKind.coverageUnassigned, { fr: 'Une couverture a été confiée à quelqu’un d’autre', en: 'A coverage was handed to someone else' })]
      : []),
  ];
}

/** Whoever assigned a coverage hears how its assignee answered, unless they answered themselves. */
export function answerNotices(actor: Pick<Actor, 'userId'>, coverage: Coverage, assignerId: string, accepted: boolean): NewNotification[] {
  if (assignerId === actor.userId) return [];
  return [
    accepted
      ? notice(coverage, assignerId, NotificationKind.coverageAccepted, { fr: 'Une couverture a été acceptée', en: 'A coverage was accepted' })
      : notice(coverage, assignerId, NotificationKind.coverageDeclined, { fr: 'Une couverture a été refusée', en: 'A coverage was declined' }),
  ];
}

/**
 * The assignee of a coverage not filed yet, once per assignee and due time, a while before it (the
 * once key makes a second one a no-op): a new assignee, or a due time moved, is told again.
 */
export function dueSoonNotice(coverage: Coverage & { assigneeId: string; dueAt: Date }): NewNotification {
  return {
    ...notice(coverage, coverage.assigneeId, NotificationKind.coverageDueSoon, { fr: 'Une couverture qui vous est confiée arrive à échéance', en: 'A coverage assigned to you is due soon' }),
    onceKey: `coverage.due_soon:${coverage.id}:${coverage.assigneeId}:${coverage.dueAt.toISOString()}`,
  };
}

/** Whether "due soon" still holds for `userId` at `now`, when its message is built: the coverage is still theirs, open (not filed, not cancelled) and not past due. */
export function isStillDueSoon(coverage: Pick<Coverage, 'status' | 'assigneeId' | 'dueAt'>, userId: string, now: Date): boolean {
  return coverage.assigneeId === userId && COMMITTED.includes(coverage.status) && !!coverage.dueAt && coverage.dueAt > now;
}

/** The assignees of the coverage cancelled with its event. */
export function eventCancellationNotices(event: Event, cancelled: readonly Coverage[]): NewNotification[] {
  return cancelled.flatMap((coverage) =>
    coverage.assigneeId
      ? [notice(coverage, coverage.assigneeId, NotificationKind.coverageCancelled, { fr: `Événement annulé : ${event.title.fr}`, en: `Event cancelled: ${event.title.en}` })]
      : [],
  );
}

/** Who must hear of a status change they did not make themselves. */
export function moveNotices(
  actor: Pick<Actor, 'userId'>,
  coverage: Coverage,
  move: { from: CoverageStatus; to: CoverageStatus; assigneeId: string | null; assignerId: string },
): NewNotification[] {
  const { from, to, assigneeId, assignerId } = move;
  const notices: NewNotification[] = [];
  const tell = (userId: string | null, kind: NotificationKind, message: LocalizedText) => {
    if (userId && userId !== actor.userId) notices.push(notice(coverage, userId, kind, message));
  };
  if (to === CoverageStatus.UNASSIGNED && from !== to) {
    tell(assigneeId, NotificationKind.coverageUnassigned, { fr: 'Une couverture vous a été retirée', en: 'A coverage was taken back from you' });
    if (assigneeId === actor.userId) tell(assignerId, NotificationKind.coverageDeclined, { fr: 'Une couverture a été rendue', en: 'A coverage was handed back' });
  }
  if (to === CoverageStatus.CANCELLED && from !== to) {
    tell(assigneeId, NotificationKind.coverageCancelled, { fr: 'Une couverture a été annulée', en: 'A coverage was cancelled' });
  }
  return notices;
}
