import { TestUser } from './support/factories';
import { addAuthor, ARTICLE_FIELDS, createArticle, publish, review, saveRevision } from './support/articles';
import { ok, refused, TestApp } from './support/harness';
import { countQueries } from './support/queries';
import { addWorkspaceMember, createWorkspace, createWorld, World } from './support/world';

const ARTICLE = `query($id: ID!) { article(id: $id) { ${ARTICLE_FIELDS} } }`;
const SUBMIT = `mutation($input: ArticleIdInput!) { submitArticleForReview(input: $input) { status } }`;

describe('co-authored articles', () => {
  let app: TestApp;
  let world: World;
  let lead: TestUser;
  let coAuthor: TestUser;
  let hostApprover: TestUser;
  let partnerApprover: TestUser;

  beforeAll(async () => {
    app = await TestApp.start();
    world = await createWorld(app);
    lead = world.people.EDITOR;
    coAuthor = world.people.PARTNER_MEMBER;
    hostApprover = world.people.COORDINATOR;
    partnerApprover = world.partnerAdmin;
    await addWorkspaceMember(app, world.hostAdmin, world.workspace, partnerApprover, world.partner, 'COORDINATOR');
  });
  afterAll(() => app.stop());

  const article = async (id: string, viewer: TestUser = lead) => ok(await app.graphql(ARTICLE, { id }, { token: viewer.token })).article;

  /** An article by the host's editor with the partner's editor as co-author, both languages in step. */
  async function jointArticle(visibility = 'WORKSPACE') {
    const id = await createArticle(app, lead, world.workspace.id, world.host.id, visibility);
    ok(await addAuthor(app, lead, id, coAuthor, world.partner.id));
    ok(await saveRevision(app, lead, id, 'fr', null));
    ok(await saveRevision(app, coAuthor, id, 'en', null, { translationOf: 1 }));
    return id;
  }

  async function approveByBoth(id: string) {
    ok(await review(app, hostApprover, id, world.host.id));
    ok(await review(app, partnerApprover, id, world.partner.id));
  }

  it('is written, reviewed by both organizations and published, with a bilingual byline', async () => {
    const id = await jointArticle();
    const leadName = ok(await app.graphql('{ me { displayName } }', {}, { token: lead.token })).me.displayName;
    const coName = ok(await app.graphql('{ me { displayName } }', {}, { token: coAuthor.token })).me.displayName;
    expect((await article(id)).byline).toEqual({
      fr: `${leadName} (BCC), en collaboration avec ${coName} (E-Gouv Québec)`,
      en: `${leadName} (CCO), in collaboration with ${coName} (E-Gouv Québec)`,
    });

    expect(ok(await app.graphql(SUBMIT, { input: { articleId: id } }, { token: lead.token })).submitArticleForReview.status).toBe('IN_REVIEW');
    ok(await review(app, hostApprover, id, world.host.id));
    expect((await article(id)).status).toBe('IN_REVIEW');
    ok(await review(app, partnerApprover, id, world.partner.id));
    expect((await article(id)).status).toBe('APPROVED');

    const published = ok(await publish(app, lead, id)).publishArticle;
    expect(published).toEqual({ status: 'PUBLISHED', publishedRevisionFr: 1, publishedRevisionEn: 1, unilingualReason: null });
    const audit = ok(await app.graphql(`query($id: ID!) { auditEvents(workspaceId: $id, first: 100) { edges { node { action resourceId } } } }`, { id: world.workspace.id }, { token: world.hostAdmin.token }));
    const actions = audit.auditEvents.edges.filter((edge: any) => edge.node.resourceId === id).map((edge: any) => edge.node.action);
    expect(actions).toEqual(['article.published', 'article.approved', 'article.approved', 'article.submitted', 'article.author.added', 'article.created']);
  });

  it('asks each organization’s approvers to review', async () => {
    const id = await jointArticle();
    ok(await app.graphql(SUBMIT, { input: { articleId: id } }, { token: lead.token }));
    const notices = ok(await app.graphql(`{ notifications(first: 50) { edges { node { kind resourceId } } } }`, {}, { token: partnerApprover.token }));
    expect(notices.notifications.edges.map((edge: any) => edge.node)).toContainEqual({ kind: 'article.review_requested', resourceId: id });
  });

  describe('revisions', () => {
    it('refuse a save on a stale base with the current revision, and number saves without gaps', async () => {
      const id = await jointArticle();
      ok(await saveRevision(app, coAuthor, id, 'fr', 1, { body: '<p>Version de Patrick.</p>' }));
      const conflict = refused(await saveRevision(app, lead, id, 'fr', 1, { body: '<p>Version concurrente.</p>' }), 'CONFLICT');
      expect(conflict.extensions.currentRevision).toMatchObject({ number: 2, authorId: coAuthor.id, body: '<p>Version de Patrick.</p>', authorName: expect.any(String) });
      refused(await saveRevision(app, lead, id, 'fr', null), 'CONFLICT');
      const rebased = ok(await saveRevision(app, lead, id, 'fr', 2, { body: '<p>Version fusionnée.</p>' }));
      expect(rebased.saveArticleRevision).toMatchObject({ number: 3, basedOn: 2 });
      const numbers = ok(await app.graphql(`query($id: ID!) { article(id: $id) { revisions(language: fr) { number } } }`, { id }, { token: lead.token }));
      expect(numbers.article.revisions.map((r: any) => r.number)).toEqual([1, 2, 3]);
    });

    it('lose nothing when twenty authors save at once', async () => {
      const id = await jointArticle();
      const writers = Array.from({ length: 20 }, (_, index) => index);
      await Promise.all(
        writers.map(async (writer) => {
          let base = 1;
          for (;;) {
            const response = await saveRevision(app, writer % 2 ? lead : coAuthor, id, 'fr', base, { body: `<p>Paragraphe ${writer}</p>` });
            if (!response.errors) return;
            base = refused(response, 'CONFLICT').extensions.currentRevision.number;
          }
        }),
      );
      const saved = ok(await app.graphql(`query($id: ID!) { article(id: $id) { revisions(language: fr) { number basedOn body } } }`, { id }, { token: lead.token }));
      const revisions = saved.article.revisions;
      expect(revisions.map((r: any) => r.number)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
      expect(revisions.slice(1).map((r: any) => r.basedOn)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(new Set(revisions.slice(1).map((r: any) => r.body))).toEqual(new Set(writers.map((w) => `<p>Paragraphe ${w}</p>`)));
    });

    it('are written by authors only', async () => {
      const id = await jointArticle();
      refused(await saveRevision(app, world.people.COORDINATOR, id, 'fr', 1), 'FORBIDDEN');
      refused(await saveRevision(app, world.people.OBSERVER, id, 'fr', 1), 'FORBIDDEN');
      refused(await saveRevision(app, world.people.OUTSIDER, id, 'fr', 1), 'NOT_FOUND');
    });

    it('come back harmless whatever the body held', async () => {
      const id = await jointArticle();
      const payload =
        '<p>ok</p><script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>' +
        '<svg onload=alert(1)></svg><iframe src="https://evil.example"></iframe><p style="x:expression(alert(1))" onclick="alert(1)">y</p>';
      const saved = ok(await saveRevision(app, lead, id, 'fr', 1, { title: '<b>Titre</b> <script>x</script>', body: payload })).saveArticleRevision;
      expect(saved.title).toBe('Titre');
      expect(saved.body).not.toMatch(/<script|onerror|onclick|javascript:|<svg|<iframe|style=/i);
      expect(saved.body).toContain('<p>ok</p>');
    });

    it('show a diff between any two revisions of a language', async () => {
      const id = await jointArticle();
      ok(await saveRevision(app, lead, id, 'fr', 1, { body: '<p>Un texte commun.</p><p>Un second paragraphe.</p>' }));
      const diff = ok(await app.graphql(`query($id: ID!) { article(id: $id) { diff(language: fr, from: 1, to: 2) } }`, { id }, { token: lead.token }));
      expect(diff.article.diff).toContain('+Un second paragraphe.');
      expect(diff.article.diff).toContain('--- fr r1');
      const missing = await app.graphql(`query($id: ID!) { article(id: $id) { diff(language: fr, from: 1, to: 9) } }`, { id }, { token: lead.token });
      expect(refused(missing, 'BAD_USER_INPUT').extensions.fields).toEqual([{ field: 'to', message: 'there is no fr revision 9' }]);
    });
  });

  describe('publication', () => {
    it('is refused with every reason while a translation is behind and approvals are stale', async () => {
      const id = await jointArticle();
      ok(await app.graphql(SUBMIT, { input: { articleId: id } }, { token: lead.token }));
      await approveByBoth(id);
      ok(await saveRevision(app, coAuthor, id, 'fr', 1, { body: '<p>Une correction.</p>' }));
      const current = await article(id);
      expect(current.status).toBe('IN_REVIEW');
      expect(current.approvals.map((approval: any) => approval.stale)).toEqual([true, true]);

      const error = refused(await publish(app, lead, id), 'PRECONDITION_FAILED');
      expect(error.extensions.reasons).toEqual([
        'The English version is behind a later change in French',
        'The approval of Communications Community Office is stale: the text changed since',
        'The approval of E-Gouv Québec is stale: the text changed since',
      ].sort((a, b) => error.extensions.reasons.indexOf(a) - error.extensions.reasons.indexOf(b)));
      expect(error.extensions.reasons).toHaveLength(3);
      expect((await article(id)).status).toBe('IN_REVIEW');

      ok(await saveRevision(app, coAuthor, id, 'en', 1, { body: '<p>A correction.</p>', translationOf: 2 }));
      await approveByBoth(id);
      expect(ok(await publish(app, lead, id)).publishArticle).toMatchObject({ status: 'PUBLISHED', publishedRevisionFr: 2, publishedRevisionEn: 2 });
    });

    it('freezes the published text: later edits start a new draft', async () => {
      const id = await jointArticle();
      ok(await app.graphql(SUBMIT, { input: { articleId: id } }, { token: lead.token }));
      await approveByBoth(id);
      ok(await publish(app, lead, id));
      ok(await saveRevision(app, lead, id, 'fr', 1, { body: '<p>Brouillon suivant.</p>' }));
      const after = ok(
        await app.graphql(`query($id: ID!) { article(id: $id) { status publishedRevision(language: fr) { number body } currentRevision(language: fr) { number } } }`, { id }, { token: lead.token }),
      ).article;
      expect(after).toEqual({ status: 'DRAFT', publishedRevision: { number: 1, body: '<p>Un texte commun.</p>' }, currentRevision: { number: 2 } });
      refused(await publish(app, lead, id), 'PRECONDITION_FAILED');
    });

    it('in one language needs a coordinator and a reason', async () => {
      const id = await createArticle(app, lead, world.workspace.id, world.host.id);
      ok(await saveRevision(app, lead, id, 'fr', null));
      ok(await app.graphql(SUBMIT, { input: { articleId: id } }, { token: lead.token }));
      ok(await review(app, hostApprover, id, world.host.id));
      expect(refused(await publish(app, lead, id), 'PRECONDITION_FAILED').extensions.reasons).toEqual(['The English version is missing']);
      refused(await publish(app, lead, id, 'Avis urgent'), 'FORBIDDEN');
      expect(ok(await publish(app, hostApprover, id, 'Avis urgent')).publishArticle).toMatchObject({ status: 'PUBLISHED', publishedRevisionFr: 1, publishedRevisionEn: null, unilingualReason: 'Avis urgent' });
    });

    it('is done by the lead author or a coordinator, and reviews are given for one’s own organization', async () => {
      const id = await jointArticle();
      ok(await app.graphql(SUBMIT, { input: { articleId: id } }, { token: lead.token }));
      refused(await review(app, hostApprover, id, world.partner.id), 'FORBIDDEN');
      refused(await review(app, world.people.EDITOR, id, world.host.id), 'FORBIDDEN');
      refused(await review(app, world.people.OUTSIDER, id, world.host.id), 'NOT_FOUND');
      await approveByBoth(id);
      refused(await publish(app, coAuthor, id), 'FORBIDDEN');
      refused(await publish(app, world.people.OBSERVER, id), 'FORBIDDEN');
      ok(await publish(app, world.hostAdmin, id));
    });
  });

  describe('visibility ORGANIZATION', () => {
    it('keeps an article internal to the lead organization and its named authors until widened', async () => {
      const id = await createArticle(app, lead, world.workspace.id, world.host.id, 'ORGANIZATION');
      const list = async (viewer: TestUser) =>
        ok(await app.graphql(`query($ws: ID!) { articles(workspaceId: $ws, first: 100) { edges { node { id } } } }`, { ws: world.workspace.id }, { token: viewer.token })).articles.edges.map(
          (edge: any) => edge.node.id,
        );
      refused(await app.graphql(ARTICLE, { id }, { token: coAuthor.token }), 'NOT_FOUND');
      expect(await list(coAuthor)).not.toContain(id);
      expect(await list(world.people.OBSERVER)).toContain(id);
      refused(await saveRevision(app, coAuthor, id, 'fr', null), 'NOT_FOUND');

      ok(await addAuthor(app, lead, id, coAuthor, world.partner.id));
      expect(await list(coAuthor)).toContain(id);
      expect(await list(partnerApprover)).not.toContain(id);

      refused(await app.graphql(`mutation($input: ChangeArticleVisibilityInput!) { changeArticleVisibility(input: $input) { visibility } }`, { input: { articleId: id, visibility: 'WORKSPACE' } }, { token: coAuthor.token }), 'FORBIDDEN');
      ok(await app.graphql(`mutation($input: ChangeArticleVisibilityInput!) { changeArticleVisibility(input: $input) { visibility } }`, { input: { articleId: id, visibility: 'WORKSPACE' } }, { token: lead.token }));
      expect(await list(partnerApprover)).toContain(id);
    });
  });

  describe('comments', () => {
    it('are anchored to a quoted passage, threaded and resolved once', async () => {
      const id = await jointArticle();
      const revision = ok(await app.graphql(`query($id: ID!) { article(id: $id) { currentRevision(language: fr) { id } } }`, { id }, { token: lead.token })).article.currentRevision;
      const ADD = `mutation($input: AddCommentInput!) { addComment(input: $input) { id quote revisionId parentId } }`;
      const bad = await app.graphql(ADD, { input: { articleId: id, revisionId: revision.id, quote: 'absent du texte', body: 'Hmm' } }, { token: coAuthor.token });
      expect(refused(bad, 'BAD_USER_INPUT').extensions.fields[0].field).toBe('quote');
      const thread = ok(await app.graphql(ADD, { input: { articleId: id, revisionId: revision.id, quote: 'texte commun', body: 'Plutôt « texte conjoint » ?' } }, { token: coAuthor.token })).addComment;
      const reply = ok(await app.graphql(ADD, { input: { articleId: id, parentId: thread.id, body: "D'accord." } }, { token: world.people.EDITOR.token })).addComment;
      expect(reply).toMatchObject({ parentId: thread.id, revisionId: revision.id });
      refused(await app.graphql(ADD, { input: { articleId: id, parentId: thread.id, body: 'Je regarde' } }, { token: world.people.OBSERVER.token }), 'FORBIDDEN');
      refused(await app.graphql(ADD, { input: { articleId: id, parentId: thread.id, body: 'Je regarde' } }, { token: world.people.CONTRIBUTOR.token }), 'FORBIDDEN');

      const RESOLVE = `mutation($input: ResolveCommentInput!) { resolveComment(input: $input) { resolvedAt resolvedById } }`;
      refused(await app.graphql(RESOLVE, { input: { commentId: thread.id } }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
      expect(ok(await app.graphql(RESOLVE, { input: { commentId: thread.id } }, { token: lead.token })).resolveComment.resolvedById).toBe(lead.id);
      refused(await app.graphql(RESOLVE, { input: { commentId: thread.id } }, { token: lead.token }), 'CONFLICT');
      const comments = ok(await app.graphql(`query($id: ID!) { article(id: $id) { comments { id parentId resolvedAt } } }`, { id }, { token: world.people.OBSERVER.token })).article.comments;
      expect(comments.map((c: any) => c.id)).toEqual([thread.id, reply.id]);
    });
  });

  describe('republication and the public feed', () => {
    it('grants are given by an authoring organization on a published article, listed and revocable', async () => {
      const id = await jointArticle('PUBLIC');
      const GRANT = `mutation($input: GrantRepublicationInput!) { grantRepublication(input: $input) { id conditions granteeOrganization { id } grantorOrganization { id } } }`;
      const input = { articleId: id, organizationId: world.outsiderOrganization.id, conditions: 'Mention de la source' };
      expect(refused(await app.graphql(GRANT, { input }, { token: hostApprover.token }), 'PRECONDITION_FAILED').extensions.reasons).toEqual(['The article is not published']);
      ok(await app.graphql(SUBMIT, { input: { articleId: id } }, { token: lead.token }));
      await approveByBoth(id);
      ok(await publish(app, lead, id));
      refused(await app.graphql(GRANT, { input }, { token: lead.token }), 'FORBIDDEN');
      const grant = ok(await app.graphql(GRANT, { input }, { token: hostApprover.token })).grantRepublication;
      expect(grant).toMatchObject({ granteeOrganization: { id: world.outsiderOrganization.id }, grantorOrganization: { id: world.host.id } });
      refused(await app.graphql(GRANT, { input }, { token: hostApprover.token }), 'CONFLICT');

      const REVOKE = `mutation($input: RevokeRepublicationGrantInput!) { revokeRepublicationGrant(input: $input) { revokedAt } }`;
      refused(await app.graphql(REVOKE, { input: { grantId: grant.id } }, { token: partnerApprover.token }), 'FORBIDDEN');
      ok(await app.graphql(REVOKE, { input: { grantId: grant.id } }, { token: hostApprover.token }));
      refused(await app.graphql(REVOKE, { input: { grantId: grant.id } }, { token: hostApprover.token }), 'CONFLICT');
      const listed = ok(await app.graphql(`query($id: ID!) { article(id: $id) { republicationGrants { conditions revokedAt } } }`, { id }, { token: lead.token }));
      expect(listed.article.republicationGrants).toEqual([{ conditions: 'Mention de la source', revokedAt: expect.any(String) }]);
    });

    it('shows published PUBLIC articles only, with their frozen text, as Atom', async () => {
      const shown = await jointArticle('PUBLIC');
      ok(await saveRevision(app, lead, shown, 'fr', 1, { title: 'Titre publié & "cité"', body: '<p>Texte publié</p>', translationOf: 1 }));
      ok(await app.graphql(SUBMIT, { input: { articleId: shown } }, { token: lead.token }));
      await approveByBoth(shown);
      ok(await publish(app, lead, shown));
      ok(await saveRevision(app, lead, shown, 'fr', 2, { title: 'Brouillon secret', translationOf: 1 }));
      const internal = await jointArticle('WORKSPACE');
      ok(await app.graphql(SUBMIT, { input: { articleId: internal } }, { token: lead.token }));
      await approveByBoth(internal);
      ok(await publish(app, lead, internal));
      const unpublished = await jointArticle('PUBLIC');

      const response = await app.get(`/feeds/${world.workspace.slug}/articles.atom`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('application/atom+xml');
      expect(response.body).toContain(`urn:tandem:article:${shown}:fr`);
      expect(response.body).toContain(`urn:tandem:article:${shown}:en`);
      expect(response.body).toContain('<title>Titre publié &amp; &quot;cité&quot;</title>');
      expect(response.body).not.toContain('Brouillon secret');
      expect(response.body).not.toContain(internal);
      expect(response.body).not.toContain(unpublished);
      expect((await app.get('/feeds/no-such-workspace/articles.atom')).statusCode).toBe(404);
    });
  });

  describe('a page of articles', () => {
    it('costs the same number of SQL queries for 3 articles as for 12, with authors, approvals and both current revisions', async () => {
      const owner = world.hostAdmin;
      const workspace = await createWorkspace(app, owner, world.host);
      for (let i = 0; i < 12; i++) {
        const id = await createArticle(app, owner, workspace.id, world.host.id);
        ok(await saveRevision(app, owner, id, 'fr', null));
        ok(await saveRevision(app, owner, id, 'en', null, { translationOf: 1 }));
        ok(await app.graphql(SUBMIT, { input: { articleId: id } }, { token: owner.token }));
        ok(await review(app, owner, id, world.host.id));
      }
      const page = (first: number) =>
        app.graphql(
          `query($ws: ID!, $first: Int) { articles(workspaceId: $ws, first: $first) { totalCount edges { node {
             byline { fr en } leadOrganization { slug }
             authors { role user { displayName } organization { slug acronym { fr } } }
             approvals { decision stale organization { slug } }
             fr: currentRevision(language: fr) { number title } en: currentRevision(language: en) { number title } } } } }`,
          { ws: workspace.id, first },
          { token: owner.token },
        );
      let small = 0;
      let large = 0;
      const smallCount = await countQueries(app, async () => (small = ok(await page(3)).articles.edges.length));
      const largeCount = await countQueries(app, async () => (large = ok(await page(12)).articles.edges.length));
      expect([small, large]).toEqual([3, 12]);
      expect(largeCount).toBe(smallCount);
      expect(largeCount).toBeLessThanOrEqual(12);
    });
  });
});
