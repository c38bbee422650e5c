import { describeApp, ok, refused } from './support/harness';
import { PERSONAS } from './support/world';
import { MatrixAction } from './authorization/matrix';
import { articleActions } from './authorization/article.actions';
import { sourceActions } from './authorization/source.actions';
import { coverageActions } from './authorization/coverage.actions';
import { workspaceActions } from './authorization/workspace.actions';

/**
 * The access policy, through the API: for every action, each workspace role, a member of another
 * partner organization, a user of a non-partner organization and an anonymous caller.
 * Each domain adds its table of actions to ACTIONS.
 */
const ACTIONS: MatrixAction[] = [...workspaceActions, ...articleActions, ...coverageActions, ...sourceActions];

describeApp('authorization matrix', { world: true }, ({ app, world }) => {
  describe.each(ACTIONS.map((action) => [action.name, action] as const))('%s', (_, action) => {
    it.each(PERSONAS.map((persona) => [persona, action.expect[persona]] as const))('%s → %s', async (persona, expected) => {
      const context = await action.setup?.(app, world);
      const response = await action.run(app, world, world.tokenOf(persona), context, persona);
      if (expected === 'ok') ok(response);
      else refused(response, expected);
    });
  });
});
