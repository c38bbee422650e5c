import { parseDocument } from 'htmlparser2';
import { ActivityEvent, ActivityStream } from '../src/activity';
import { archive, grantRepublication, saveRevision } from './support/articles';
import { addOrganizationMember } from './support/factories';
import { eventually } from './support/eventually';
import { describeApp, ok, refused } from './support/harness';
import { publishFrenchOnly, publishPublicContent } from './support/public-content';
import { CONDITIONS, republish, republishInOwnWorkspace } from './support/republication';
import { addWorkspaceMember, createWorkspace, TestWorkspace } from './support/world';

const BASE = 'https://tandem.example.ca';

const COPY = `query($id: ID!) { article(id: $id) {
  id status visibility publishedRevisionFr publishedRevisionEn leadOrganization { id } byline { fr en } authors { role user { id } }
  publishedRevision(language: fr) { title body }
  republishedFrom { grantId conditions title { fr en } organization { id } publicPage { fr en } article { id } withdrawnAt } } }`;

/** The head's links and the JSON-LD of a page, parsed as a browser would. */
function pageOf(html: string) {
  const elements: { name: string; attribs: Record<string, string>; text: string }[] = [];
  const visit = (node: any) => {
    if (node.type === 'tag' || node.type === 'script') elements.push({ name: node.name, attribs: node.attribs, text: node.children.map((child: any) => child.data ?? '').join('') });
    node.children?.forEach(visit);
  };
  visit(parseDocument(html));
  return {
    links: (rel: string) => elements.filter((element) => element.name === 'link' && element.attribs.rel === rel).map((element) => element.attribs.href),
    meta: (property: string) => elements.find((element) => element.name === 'meta' && element.attribs.property === property)?.attribs.content,
    data: JSON.parse(elements.find((element) => element.name === 'script')!.text),
  };
}

describeApp('republishing an article under its grant, with the original credited', { world: true, env: { PUBLIC_URL: BASE } }, ({ app, world }) => {
  let originalId: string;
  let grantId: string;
  let granteeWorkspace: TestWorkspace;
  let copyId: string;
  let secondCopyId: string;
  const received: ActivityEvent[] = [];
  let stopFollowing: () => void;
  const page = (language: string, slug: string, id: string) => `/${language}/${slug}/articles/${id}`;
  const originalPage = (language: string) => `${BASE}${page(language, world.workspace.slug, originalId)}`;
  const copyOf = async (id: string, viewer = world.people.OUTSIDER) => ok(await app.graphql(COPY, { id }, { token: viewer.token })).article;
  const auditedActions = async (workspace: TestWorkspace, resourceId: string) =>
    ok(await app.graphql(`query($id: ID!) { auditEvents(workspaceId: $id, first: 100) { edges { node { action resourceId } } } }`, { id: workspace.id }, { token: world.people.OUTSIDER.token }))
      .auditEvents.edges.filter((edge: any) => edge.node.resourceId === resourceId)
      .map((edge: any) => edge.node.action);

  beforeAll(async () => {
    stopFollowing = app.app.get(ActivityStream).follow((event) => received.push(event));
    ({ jointId: originalId } = await publishPublicContent(app, world));
    ({ grantId, workspace: granteeWorkspace, copyId } = await republishInOwnWorkspace(app, world, originalId));
  });
  afterAll(() => stopFollowing());

  it("creates the grantee's copy, published and PUBLIC, with the original's published text, audited and on the stream", async () => {
    const copy = await copyOf(copyId);
    expect(copy).toMatchObject({
      status: 'PUBLISHED',
      visibility: 'PUBLIC',
      publishedRevisionFr: 1,
      publishedRevisionEn: 1,
      leadOrganization: { id: world.outsiderOrganization.id },
      publishedRevision: { body: '<h2>Contexte</h2><p>Le texte publié.</p>' },
      // The republisher leads the copy; the text's authors sign it.
      authors: [{ role: 'LEAD', user: { id: world.people.OUTSIDER.id } }],
      byline: { fr: expect.stringContaining(', en collaboration avec '), en: expect.stringContaining(', in collaboration with ') },
    });
    // The reader cannot see the host's workspace: only what the grant makes public of the original.
    expect(copy.republishedFrom).toEqual({
      grantId,
      conditions: CONDITIONS,
      title: { fr: expect.stringContaining('Le numérique'), en: 'Digital government' },
      organization: { id: world.host.id },
      publicPage: { fr: originalPage('fr'), en: originalPage('en') },
      article: null,
      withdrawnAt: null,
    });
    expect(await auditedActions(granteeWorkspace, copyId)).toEqual(['article.republished']);
    await eventually(async () => received.some((each) => each.resourceId === copyId), 'told of the republication');
    const event = received.find((each) => each.resourceId === copyId);
    expect(event).toMatchObject({ kind: 'article.republished', workspaceId: granteeWorkspace.id, actorId: world.people.OUTSIDER.id });
    expect(event?.payload).toMatchObject({ grantId, republishedFromId: originalId });
  });

  it('shows the original to a reader who may also see it, and an original has no origin', async () => {
    const both = world.people.EDITOR;
    await addOrganizationMember(app, world.people.OUTSIDER, world.outsiderOrganization, both);
    await addWorkspaceMember(app, world.people.OUTSIDER, granteeWorkspace, both, world.outsiderOrganization, 'OBSERVER');
    expect((await copyOf(copyId, both)).republishedFrom.article).toEqual({ id: originalId });
    expect((await copyOf(originalId, both)).republishedFrom).toBeNull();
    // An observer of the grantee writes no article there, so republishes none.
    const other = await createWorkspace(app, world.people.OUTSIDER, world.outsiderOrganization);
    await addWorkspaceMember(app, world.people.OUTSIDER, other, both, world.outsiderOrganization, 'OBSERVER');
    refused(await republish(app, both, grantId, other.id), 'FORBIDDEN');
  });

  it("serves the copy's pages with the attribution, the grant's conditions, a canonical link and isBasedOn to the original", async () => {
    for (const language of ['fr', 'en']) {
      const response = await app.get(page(language, granteeWorkspace.slug, copyId));
      expect(response.statusCode).toBe(200);
      const html = pageOf(response.body);
      expect(html.links('canonical')).toEqual([originalPage(language)]);
      expect(html.meta('og:url')).toBe(originalPage(language));
      expect(html.data).toMatchObject({ '@type': 'NewsArticle', isBasedOn: originalPage(language), url: `${BASE}${page(language, granteeWorkspace.slug, copyId)}` });
      // Credited to the original's two authors, published by the grantee.
      expect(html.data.author).toHaveLength(2);
      expect(html.data.publisher).toMatchObject({ '@type': 'Organization' });
      const credit = language === 'fr' ? 'Publié à l’origine par Bureau de la communauté des communications\u00a0:' : 'Originally published by Communications Community Office:';
      expect(response.body).toContain(`<p class="attribution">${credit} <a href="${originalPage(language)}">`);
      expect(response.body).toContain(language === 'fr' ? 'Conditions de la republication\u00a0: Mention obligatoire' : 'Conditions of republication: Mention obligatoire');
      expect(response.body).toContain(language === 'fr' ? ', en collaboration avec ' : ', in collaboration with ');
    }
  });

  it("lists the copy in the grantee workspace's own feeds, linking to its pages", async () => {
    const feed = JSON.parse((await app.get(`/feeds/${granteeWorkspace.slug}/articles.json`)).body);
    expect(feed.items.map((item: any) => item.url).sort()).toEqual([`${BASE}${page('en', granteeWorkspace.slug, copyId)}`, `${BASE}${page('fr', granteeWorkspace.slug, copyId)}`]);
    expect(feed.items[0].authors[0].name).toMatch(/in collaboration with|en collaboration avec/);
    const atom = await app.get(`/feeds/${granteeWorkspace.slug}/articles.atom`);
    expect(atom.statusCode).toBe(200);
    expect(atom.body).toContain(`${BASE}${page('fr', granteeWorkspace.slug, copyId)}`);
  });

  it('refuses a second republication under the same grant into the same workspace, but takes another workspace', async () => {
    expect(refused(await republish(app, world.people.OUTSIDER, grantId, granteeWorkspace.id), 'CONFLICT').extensions).toMatchObject({ articleId: copyId });
    const second = await createWorkspace(app, world.people.OUTSIDER, world.outsiderOrganization);
    secondCopyId = ok(await republish(app, world.people.OUTSIDER, grantId, second.id)).republishArticle.id;
    expect((await app.get(page('en', second.slug, secondCopyId))).statusCode).toBe(200);
  });

  it('makes one copy of two republications at once into the same workspace: the other is a CONFLICT', async () => {
    const raced = await createWorkspace(app, world.people.OUTSIDER, world.outsiderOrganization);
    const outcomes = await Promise.all([1, 2].map(() => republish(app, world.people.OUTSIDER, grantId, raced.id)));
    expect(outcomes.map((outcome) => (outcome.errors ? outcome.errors[0].extensions.code : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
  });

  it('refuses a grant of another organization, and an unknown grant', async () => {
    // The host's editor writes in the host's workspace for the host, not for the grantee.
    refused(await republish(app, world.people.EDITOR, grantId, world.workspace.id), 'FORBIDDEN');
    refused(await republish(app, world.people.OUTSIDER, crypto.randomUUID(), granteeWorkspace.id), 'NOT_FOUND');
  });

  it('keeps the copy as the grant allows: its text is not rewritten, nor granted further', async () => {
    expect(refused(await saveRevision(app, world.people.OUTSIDER, copyId, 'fr', 1), 'PRECONDITION_FAILED').extensions.reasons).toEqual([
      "A republication keeps its original's text and is not granted further",
    ]);
    refused(await grantRepublication(app, world.people.OUTSIDER, copyId, world.partner.id), 'PRECONDITION_FAILED');
  });

  it('refuses an original that is not public, or no longer published', async () => {
    const internal = await publishFrenchOnly(app, world, 'WORKSPACE');
    const internalGrant = ok(await grantRepublication(app, world.hostAdmin, internal, world.outsiderOrganization.id)).grantRepublication;
    expect(refused(await republish(app, world.people.OUTSIDER, internalGrant.id, granteeWorkspace.id), 'PRECONDITION_FAILED').extensions.reasons).toEqual([
      'Only a public article is republished',
    ]);
    const archived = await publishFrenchOnly(app, world, 'PUBLIC');
    const archivedGrant = ok(await grantRepublication(app, world.hostAdmin, archived, world.outsiderOrganization.id)).grantRepublication;
    ok(await archive(app, world.hostAdmin, archived));
    expect(refused(await republish(app, world.people.OUTSIDER, archivedGrant.id, granteeWorkspace.id), 'PRECONDITION_FAILED').extensions.reasons).toEqual([
      'The article is archived',
    ]);
  });

  it('credits an original archived after its republication by name only: no link, canonical, isBasedOn or publicPage to a page that is gone', async () => {
    const originalOfCopy = await publishFrenchOnly(app, world, 'PUBLIC');
    const grant = ok(await grantRepublication(app, world.hostAdmin, originalOfCopy, world.outsiderOrganization.id, CONDITIONS)).grantRepublication;
    const workspace = await createWorkspace(app, world.people.OUTSIDER, world.outsiderOrganization);
    const copy = ok(await republish(app, world.people.OUTSIDER, grant.id, workspace.id)).republishArticle;
    expect((await copyOf(copy.id)).republishedFrom.publicPage).toEqual({ fr: expect.stringContaining(originalOfCopy), en: expect.stringContaining(originalOfCopy) });
    ok(await archive(app, world.hostAdmin, originalOfCopy));
    expect((await app.get(page('fr', world.workspace.slug, originalOfCopy))).statusCode).toBe(404);
    expect((await copyOf(copy.id)).republishedFrom).toMatchObject({ organization: { id: world.host.id }, conditions: CONDITIONS, publicPage: null });
    for (const language of ['fr', 'en']) {
      const response = await app.get(page(language, workspace.slug, copy.id));
      expect(response.statusCode).toBe(200);
      const html = pageOf(response.body);
      const own = `${BASE}${page(language, workspace.slug, copy.id)}`;
      expect(html.links('canonical')).toEqual([own]);
      expect(html.data.isBasedOn).toBeUndefined();
      expect(response.body).not.toContain(originalOfCopy);
      expect(response.body).toMatch(/<p class="attribution">[^<]+ <cite( lang="fr")?>/);
      expect(response.body).toContain(language === 'fr' ? 'Conditions de la republication\u00a0: Mention obligatoire' : 'Conditions of republication: Mention obligatoire');
    }
  });

  it('withdraws every copy when the grant is revoked: archived in the same change, its pages and feed gone; then refuses the revoked grant', async () => {
    ok(await app.graphql(`mutation($input: RevokeRepublicationGrantInput!) { revokeRepublicationGrant(input: $input) { revokedAt } }`, { input: { grantId } }, { token: world.people.COORDINATOR.token }));
    const copy = await copyOf(copyId);
    expect(copy.status).toBe('ARCHIVED');
    expect(copy.republishedFrom.withdrawnAt).toEqual(expect.any(String));
    expect((await copyOf(secondCopyId)).status).toBe('ARCHIVED');
    for (const language of ['fr', 'en']) expect((await app.get(page(language, granteeWorkspace.slug, copyId))).statusCode).toBe(404);
    expect((await app.get(`/feeds/${granteeWorkspace.slug}/articles.json`)).statusCode).toBe(404);
    expect((await app.get(page('fr', world.workspace.slug, originalId))).statusCode).toBe(200);
    expect(await auditedActions(granteeWorkspace, copyId)).toEqual(['article.republication_withdrawn', 'article.republished']);

    const third = await createWorkspace(app, world.people.OUTSIDER, world.outsiderOrganization);
    expect(refused(await republish(app, world.people.OUTSIDER, grantId, third.id), 'PRECONDITION_FAILED').extensions.reasons).toEqual(['The grant is revoked']);
  });
});
