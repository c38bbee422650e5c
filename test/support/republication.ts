import { grantRepublication } from './articles';
import { ok, TestApp } from './harness';
import { createWorkspace, TestWorkspace, World } from './world';

/** Attribution wording a grant requires, as its grantor writes it. */
export const CONDITIONS = 'Mention obligatoire : « Publié à l’origine par le BCC » / Credit required';

export const REPUBLISH = `mutation($input: RepublishArticleInput!) { republishArticle(input: $input) { id } }`;

export function republish(app: TestApp, by: { token?: string }, grantId: string, workspaceId: string) {
  return app.graphql(REPUBLISH, { input: { grantId, workspaceId } }, { token: by.token });
}

/**
 * The world's outsider organization republishes `originalId` in a workspace of its own, under a
 * grant from the host (by its coordinator, who must be able to grant on the article).
 */
export async function republishInOwnWorkspace(app: TestApp, world: World, originalId: string): Promise<{ grantId: string; workspace: TestWorkspace; copyId: string }> {
  const grant = ok(await grantRepublication(app, world.people.COORDINATOR, originalId, world.outsiderOrganization.id, CONDITIONS)).grantRepublication;
  const workspace = await createWorkspace(app, world.people.OUTSIDER, world.outsiderOrganization);
  const copy = ok(await republish(app, world.people.OUTSIDER, grant.id, workspace.id)).republishArticle;
  return { grantId: grant.id, workspace, copyId: copy.id };
}
