import { createArticle, createJointArticle, jointArticleAuthors, publish, review, saveRevision, submit } from './articles';
import { ok, TestApp } from './harness';
import { createSource, curate, insertItem, shareSource, uniqueUrl } from './sources';
import { TestWorkspace, World } from './world';

const CREATE_DIGEST = `mutation($input: CreateDigestInput!) { createDigest(input: $input) { id } }`;
const PUBLISH_DIGEST = `mutation($input: PublishDigestInput!) { publishDigest(input: $input) { id } }`;

/** A title that would end the JSON-LD script element if it were written as it is (sent escaped: titles are plain text). */
export const HOSTILE_TITLE = 'Le numérique </script><script>alert(1)</script> & « nous »';
const HOSTILE_TITLE_SENT = 'Le numérique &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; & « nous »';

/**
 * What the world's workspace publishes for the public pages: a PUBLIC article by the host's editor
 * with the partner's editor (French title `HOSTILE_TITLE`), a French-only PUBLIC article, and a
 * digest of one featured item.
 */
export async function publishPublicContent(app: TestApp, world: World): Promise<{ jointId: string; frenchOnlyId: string; digestId: string }> {
  const { lead, coAuthor } = await jointArticleAuthors(app, world);
  const jointId = await createJointArticle(app, world, lead, coAuthor, 'PUBLIC');
  ok(await saveRevision(app, lead, jointId, 'fr', 1, { title: HOSTILE_TITLE_SENT, summary: 'Un résumé', body: '<h2>Contexte</h2><p>Le texte publié.</p>', translationOf: 1 }));
  ok(await saveRevision(app, coAuthor, jointId, 'en', 1, { title: 'Digital government', summary: 'A summary', body: '<h2>Context</h2><p>The published text.</p>', translationOf: 2 }));
  ok(await submit(app, lead, jointId));
  ok(await review(app, world.people.COORDINATOR, jointId, world.host.id));
  ok(await review(app, world.partnerAdmin, jointId, world.partner.id));
  ok(await publish(app, lead, jointId));

  const frenchOnlyId = await publishFrenchOnly(app, world, 'PUBLIC');
  return { jointId, frenchOnlyId, digestId: await publishDigest(app, world, world.workspace) };
}

/** An article of the host in the world's workspace, published in French only, with `visibility`. */
export async function publishFrenchOnly(app: TestApp, world: World, visibility: string): Promise<string> {
  const id = await createArticle(app, world.hostAdmin, world.workspace.id, world.host.id, visibility);
  ok(await saveRevision(app, world.hostAdmin, id, 'fr', null, { title: 'Seulement en français' }));
  ok(await submit(app, world.hostAdmin, id));
  ok(await review(app, world.hostAdmin, id, world.host.id));
  ok(await publish(app, world.hostAdmin, id, 'Annonce locale'));
  return id;
}

/** A published digest of one featured item. */
export async function publishDigest(app: TestApp, world: World, workspace: TestWorkspace): Promise<string> {
  const source = await createSource(app, world.hostAdmin, world.host, { url: uniqueUrl() });
  await shareSource(app, world.hostAdmin, source.id, workspace);
  const itemId = await insertItem(app, source.id, new Date('2025-11-20T12:00:00Z'));
  ok(await curate(app, world.hostAdmin, workspace, itemId, { status: 'FEATURED' }));
  const introduction = { fr: 'Cette semaine en veille', en: 'This week in watch' };
  const period = { periodStart: '2025-11-17T00:00:00Z', periodEnd: '2025-11-24T00:00:00Z', introduction };
  const digest = ok(await app.graphql(CREATE_DIGEST, { input: { workspaceId: workspace.id, ...period } }, { token: world.hostAdmin.token })).createDigest;
  ok(await app.graphql(PUBLISH_DIGEST, { input: { digestId: digest.id } }, { token: world.hostAdmin.token }));
  return digest.id;
}
