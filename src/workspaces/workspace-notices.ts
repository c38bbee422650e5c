import { NewNotification, NotificationKind } from '../activity';
import { Workspace, WorkspacePartner } from './workspace.entity';

/**
 * The admins of an invited organization hear of the invitation in the app only: its e-mail, with
 * the link to answer, is PartnerInvitationMail, sent to each of them whatever they chose, so the
 * kind is never e-mailed again as a notification (see MAILED_ON_THEIR_OWN). Outside the
 * workspace, which they cannot see yet: the notice names it.
 */
export function partnerInvitationNotices(partner: WorkspacePartner, workspace: Pick<Workspace, 'name'>, adminIds: readonly string[]): NewNotification[] {
  return adminIds.map((userId) => ({
    userId,
    kind: NotificationKind.partnerInvited,
    workspaceId: null,
    organizationId: partner.organizationId,
    resourceType: 'workspace_partner',
    resourceId: partner.id,
    message: { fr: `Votre organisation est invitée dans l’espace de travail « ${workspace.name.fr} »`, en: `Your organization is invited into the workspace “${workspace.name.en}”` },
  }));
}
