/**
 * Every action the audit trail records, in one catalogue: a change of membership, role,
 * visibility, review, publication or grant is written under one of these names, and nothing else.
 */
export const AuditAction = {
  organizationCreated: 'organization.created',
  organizationUpdated: 'organization.updated',
  organizationInvitationCreated: 'organization.invitation.created',
  organizationJoinRequestApproved: 'organization.join_request.approved',
  organizationJoinRequestRejected: 'organization.join_request.rejected',
  organizationMemberJoined: 'organization.member.joined',
  organizationMemberRoleChanged: 'organization.member.role_changed',
  organizationMemberRemoved: 'organization.member.removed',
  organizationMfaRequirementChanged: 'organization.mfa_requirement_changed',

  workspaceCreated: 'workspace.created',
  workspacePartnerInvited: 'workspace.partner.invited',
  workspacePartnerAccepted: 'workspace.partner.accepted',
  workspacePartnerDeclined: 'workspace.partner.declined',
  workspacePartnerLeft: 'workspace.partner.left',
  workspaceMemberAdded: 'workspace.member.added',
  workspaceMemberRoleChanged: 'workspace.member.role_changed',
  workspaceMemberRemoved: 'workspace.member.removed',
  workspaceMemberLeft: 'workspace.member.left',

  sourceCreated: 'source.created',
  sourceOpmlImported: 'source.opml_imported',
  sourceShared: 'source.shared',
  sourceUnshared: 'source.unshared',
  // The fetcher followed a permanent redirect (301, 308) of the feed (src/sources/feed-politeness.service.ts).
  sourceFeedMoved: 'source.feed_moved',
  digestCreated: 'digest.created',
  digestPublished: 'digest.published',

  articleCreated: 'article.created',
  articleAuthorAdded: 'article.author.added',
  articleSubmitted: 'article.submitted',
  articleApproved: 'article.approved',
  articleChangesRequested: 'article.changes_requested',
  articlePublished: 'article.published',
  articleArchived: 'article.archived',
  articleVisibilityChanged: 'article.visibility_changed',
  articleRepublicationGranted: 'article.republication_granted',
  articleRepublicationRevoked: 'article.republication_revoked',
  // A grantee's republication of an article under a grant, and its withdrawal when the grant is revoked.
  articleRepublished: 'article.republished',
  articleRepublicationWithdrawn: 'article.republication_withdrawn',

  eventCreated: 'event.created',
  eventUpdated: 'event.updated',
  eventCancelled: 'event.cancelled',
  eventSessionAdded: 'event.session.added',
  eventSessionUpdated: 'event.session.updated',
  coveragePlanned: 'coverage.planned',
  coverageAssigned: 'coverage.assigned',
  coverageAccepted: 'coverage.accepted',
  coverageDeclined: 'coverage.declined',
  coverageUnassigned: 'coverage.unassigned',
  coverageUpdated: 'coverage.updated',
  coverageCancelled: 'coverage.cancelled',
  calendarLinkCreated: 'calendar_link.created',
  calendarLinkRevoked: 'calendar_link.revoked',

  apiTokenCreated: 'api_token.created',
  apiTokenRevoked: 'api_token.revoked',
  webhookEndpointCreated: 'webhook_endpoint.created',
  webhookEndpointEnabled: 'webhook_endpoint.enabled',
  webhookEndpointDisabled: 'webhook_endpoint.disabled',
  webhookEndpointDeleted: 'webhook_endpoint.deleted',

  // A person's own second factor (src/auth/mfa): recorded in no workspace or organization.
  mfaEnabled: 'mfa.enabled',
  mfaDisabled: 'mfa.disabled',
  mfaRecoveryCodeUsed: 'mfa.recovery_code_used',
} as const;

export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];
