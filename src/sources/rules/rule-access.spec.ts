import { WorkspaceRole } from '../../workspaces';
import { mayEditSourceRules } from './rule-access';

describe('mayEditSourceRules', () => {
  it.each([WorkspaceRole.OWNER, WorkspaceRole.COORDINATOR, WorkspaceRole.EDITOR])('lets the workspace editors (%s) change the rules', (role) => {
    expect(mayEditSourceRules({ role })).toBe(true);
  });

  it.each([WorkspaceRole.CONTRIBUTOR, WorkspaceRole.OBSERVER])('refuses %s', (role) => {
    expect(mayEditSourceRules({ role })).toBe(false);
  });
});
