import { NewNotification, NotificationKind } from '../activity';
import { LocalizedText } from '../common/localized-text';
import { Actor } from '../common/request-context';
import { CoverageStatus } from './coverage-state';
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

/** Whoever assigned a coverage hears that its assignee declined it, unless they declined it themselves. */
export function declineNotices(actor: Pick<Actor, 'userId'>, coverage: Coverage, assignerId: string): NewNotification[] {
  if (assignerId === actor.userId) return [];
  return [notice(coverage, assignerId, NotificationKind.coverageDeclined, { fr: 'Une couverture a été refusée', en: 'A coverage was declined' })];
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
