import { NotificationDelivery, NotificationKind } from './notification-kind';
import { effectivePreference } from './notification-preferences';

const workspace = 'a1b2c3d4-2222-4a57-9a3c-0e4f8d1b2c3d';
const other = '9d2c4a1e-1111-4a57-9a3c-0e4f8d1b2c3d';

describe('the preference that applies', () => {
  it('is the default without a choice: assignments and review requests at once, the rest daily', () => {
    expect(effectivePreference([], NotificationKind.coverageAssigned, workspace)).toEqual({ kind: 'coverage.assigned', workspaceId: workspace, delivery: 'IMMEDIATE', source: 'DEFAULT' });
    expect(effectivePreference([], NotificationKind.reviewRequested, null).delivery).toBe(NotificationDelivery.IMMEDIATE);
    expect(effectivePreference([], NotificationKind.mention, null).delivery).toBe(NotificationDelivery.DAILY);
    expect(effectivePreference([], NotificationKind.coverageDueSoon, null).delivery).toBe(NotificationDelivery.DAILY);
  });

  it('is the workspace’s choice, else the general one, for that kind only', () => {
    const choices = [
      { kind: NotificationKind.mention, workspaceId: null, delivery: NotificationDelivery.NONE },
      { kind: NotificationKind.mention, workspaceId: workspace, delivery: NotificationDelivery.IMMEDIATE },
    ];
    expect(effectivePreference(choices, NotificationKind.mention, workspace)).toMatchObject({ delivery: 'IMMEDIATE', source: 'WORKSPACE' });
    expect(effectivePreference(choices, NotificationKind.mention, other)).toMatchObject({ delivery: 'NONE', source: 'ALL_WORKSPACES' });
    expect(effectivePreference(choices, NotificationKind.mention, null)).toMatchObject({ delivery: 'NONE', source: 'ALL_WORKSPACES' });
    expect(effectivePreference(choices, NotificationKind.articlePublished, workspace)).toMatchObject({ delivery: 'DAILY', source: 'DEFAULT' });
  });

  it('is NONE, whatever the choice, for a kind its module mails on its own (the partner invitation)', () => {
    const choices = [{ kind: NotificationKind.partnerInvited, workspaceId: null, delivery: NotificationDelivery.IMMEDIATE }];
    expect(effectivePreference(choices, NotificationKind.partnerInvited, null)).toEqual({ kind: 'workspace.partner_invited', workspaceId: null, delivery: 'NONE', source: 'DEFAULT' });
  });
});
