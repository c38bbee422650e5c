import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { TestUser } from './support/factories';
import { addAuthor, addComment, archive, ARTICLE_FIELDS, createArticle, createJointArticle, currentRevisionId, grantRepublication, jointArticleAuthors, publish, review, saveRevision, submit } from './support/articles';
import { longestStall } from './support/event-loop';
import { describeApp, ok, refused } from './support/harness';
import { countQueries } from './support/queries';
import { createWorkspace } from './support/world';
import { harmfulPartsOf, OWASP_XSS_PAYLOADS } from './support/xss';

const ARTICLE = `query($id: ID!) { article(id: $id) { ${ARTICLE_FIELDS} } }`;

describeApp('co-authored articles', { world: true }, ({ app, world }) => {
  let lead: TestUser;
  let coAuthor: TestUser;
  let hostApprover: TestUser;
  let partnerApprover: TestUser;

  beforeAll(async () => {
    ({ lead, coAuthor } = await jointArticleAuthors(app, world));
    hostApprover = world.people.COORDINATOR;
    partnerApprover = world.partnerAdmin;
  });

  const article = async (id: string, viewer: TestUser = lead) => ok(await app.graphql(ARTICLE, { id }, { token: viewer.token })).article;

  /** An article by the host's editor with the partner's editor as co-author: French, then its English translation. */
  const jointArticle = (visibility?: string) => createJointArticle(app, world, lead, coAuthor, visibility);

  const auditedActions = async (id: string) =>
    ok(await app.graphql(`query($id: ID!) { auditEvents(workspaceId: $id, first: 100) { edges { node { action resourceId } } } }`, { id: world.workspace.id }, { token: world.hostAdmin.token }))
      .auditEvents.edges.filter((edge: any) => edge.node.resourceId === id)
      .map((edge: any) => edge.node.action);

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

    expect(ok(await submit(app, lead, id)).submitArticleForReview.status).toBe('IN_REVIEW');
    ok(await review(app, hostApprover, id, world.host.id));
    expect((await article(id)).status).toBe('IN_REVIEW');
    ok(await review(app, partnerApprover, id, world.partner.id));
    expect((await article(id)).status).toBe('APPROVED');

    const published = ok(await publish(app, lead, id)).publishArticle;
    expect(published).toEqual({ status: 'PUBLISHED', publishedRevisionFr: 1, publishedRevisionEn: 1, unilingualReason: null });
    expect(await auditedActions(id)).toEqual(['article.published', 'article.approved', 'article.approved', 'article.submitted', 'article.author.added', 'article.created']);
  });

  const reviewRequests = async (approver: TestUser) =>
    ok(await app.graphql(`{ notifications(first: 100) { edges { node { kind resourceId } } } }`, {}, { token: approver.token }))
      .notifications.edges.filter((edge: any) => edge.node.kind === 'article.review_requested')
      .map((edge: any) => edge.node.resourceId);

  it('asks each organization’s approvers to review', async () => {
    const id = await jointArticle();
    ok(await submit(app, lead, id));
    expect(await reviewRequests(partnerApprover)).toContain(id);
    expect(await reviewRequests(hostApprover)).toContain(id);
  });

  it('does not tell another organization’s approvers about an internal article', async () => {
    const id = await jointArticle('ORGANIZATION');
    ok(await submit(app, lead, id));
    expect(await reviewRequests(hostApprover)).toContain(id);
    expect(await reviewRequests(partnerApprover)).not.toContain(id);
    refused(await review(app, partnerApprover, id, world.partner.id), 'NOT_FOUND');
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

    it('let exactly one of twenty saves on the same base through, and tell the others what it wrote', async () => {
      const id = await jointArticle();
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, writer) => saveRevision(app, writer % 2 ? lead : coAuthor, id, 'fr', 1, { body: `<p>Version ${writer}</p>` })),
      );
      const winners = responses.filter((response) => !response.errors);
      expect(winners).toHaveLength(1);
      const won = ok(winners[0]).saveArticleRevision;
      expect(won).toMatchObject({ number: 2, basedOn: 1 });
      for (const response of responses.filter((r) => r.errors)) {
        expect(refused(response, 'CONFLICT').extensions.currentRevision).toMatchObject({ number: 2, body: won.body });
      }
    });

    it('are written by authors only', async () => {
      const id = await jointArticle();
      refused(await saveRevision(app, world.people.COORDINATOR, id, 'fr', 1), 'FORBIDDEN');
      refused(await saveRevision(app, world.people.OBSERVER, id, 'fr', 1), 'FORBIDDEN');
      refused(await saveRevision(app, world.people.OUTSIDER, id, 'fr', 1), 'NOT_FOUND');
    });

    it('come back harmless whatever the body held (OWASP XSS filter evasion payloads)', async () => {
      const id = await jointArticle();
      let base = 1;
      for (const payload of OWASP_XSS_PAYLOADS) {
        const saved = ok(await saveRevision(app, lead, id, 'fr', base++, { title: `<b>Titre</b> ${payload}`, summary: payload, body: `<p>ok</p>${payload}` })).saveArticleRevision;
        expect({ payload, harmful: harmfulPartsOf(saved.body) }).toEqual({ payload, harmful: [] });
        expect(saved.body.startsWith('<p>ok</p>')).toBe(true);
        expect(saved.title.startsWith('Titre')).toBe(true);
      }
      const kept = ok(await saveRevision(app, lead, id, 'fr', base, { body: '<h2>Titre</h2><p>Un <a href="https://canada.ca">lien</a> et <strong>du gras</strong>.</p>' }));
      expect(kept.saveArticleRevision.body).toBe('<h2>Titre</h2><p>Un <a href="https://canada.ca" rel="noopener noreferrer nofollow">lien</a> et <strong>du gras</strong>.</p>');
    });

    it('show a diff between any two revisions of a language', async () => {
      const id = await jointArticle();
      ok(await saveRevision(app, lead, id, 'fr', 1, { body: '<p>Un texte commun.</p><p>Un second paragraphe.</p>' }));
      const diff = ok(await app.graphql(`query($id: ID!) { article(id: $id) { diff(language: fr, from: 1, to: 2) } }`, { id }, { token: lead.token }));
      expect(diff.article.diff).toContain('+Un second paragraphe.');
      expect(diff.article.diff).toContain('--- fr r1');
      const missing = await app.graphql(`query($id: ID!) { article(id: $id) { diff(language: fr, from: 1, to: 9) } }`, { id }, { token: lead.token });
      expect(refused(missing, 'BAD_USER_INPUT').extensions.fields).toEqual([{ field: 'to', message: 'there is no fr revision 9' }]);
      const unknownFrom = await app.graphql(`query($id: ID!) { article(id: $id) { diff(language: en, from: 2, to: 1) } }`, { id }, { token: lead.token });
      expect(refused(unknownFrom, 'BAD_USER_INPUT').extensions.fields).toEqual([{ field: 'from', message: 'there is no en revision 2' }]);
    });

    it('bound the work of a diff: two long revisions that differ everywhere are one hunk replacing the one with the other, and a diff costs 1,000', async () => {
      const id = await jointArticle();
      const body = (word: string) => Array.from({ length: 4000 }, (_, index) => `<p>${word} ${index}</p>`).join('');
      ok(await saveRevision(app, lead, id, 'fr', 1, { body: body('avant') }));
      ok(await saveRevision(app, lead, id, 'fr', 2, { body: body('après') }));
      const { result, stallMs } = await longestStall(async () =>
        ok(await app.graphql(`query($id: ID!) { rateLimit { cost } article(id: $id) { diff(language: fr, from: 2, to: 3) } }`, { id }, { token: lead.token })),
      );
      const { rateLimit, article } = result;
      // Finely, Myers' algorithm holds the event loop for seconds on these: the diff gives up and replaces every line.
      expect(article.diff.split('\n').filter((line: string) => line.startsWith('@@'))).toEqual(['@@ -1,4002 +1,4002 @@']);
      expect(article.diff).toMatch(/\n-avant 3999\n\+[^]*\n\+après 0\n/);
      expect(stallMs).toBeLessThan(1000);
      expect(rateLimit.cost).toBe(1 + 1 + 1000);
      const aliases = Array.from({ length: 11 }, (_, index) => `d${index}: diff(language: fr, from: 1, to: 2)`).join(' ');
      expect(refused(await app.graphql(`query($id: ID!) { article(id: $id) { ${aliases} } }`, { id }, { token: lead.token }), 'QUERY_TOO_COMPLEX').extensions.cost).toBe(1 + 11 * 1000);
    });
  });

  describe('publication', () => {
    it('is refused with every reason while a translation is behind and approvals are stale', async () => {
      const id = await jointArticle();
      ok(await submit(app, lead, id));
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

      ok(await saveRevision(app, coAuthor, id, 'en', 1, { body: '<p>A correction.</p>' }));
      await approveByBoth(id);
      expect(ok(await publish(app, lead, id)).publishArticle).toMatchObject({ status: 'PUBLISHED', publishedRevisionFr: 2, publishedRevisionEn: 2 });
    });

    it('freezes the published text: later edits start a new draft', async () => {
      const id = await jointArticle();
      ok(await submit(app, lead, id));
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
      ok(await submit(app, lead, id));
      ok(await review(app, hostApprover, id, world.host.id));
      expect(refused(await publish(app, lead, id), 'PRECONDITION_FAILED').extensions.reasons).toEqual(['The English version is missing']);
      refused(await publish(app, lead, id, 'Avis urgent'), 'FORBIDDEN');
      expect(ok(await publish(app, hostApprover, id, 'Avis urgent')).publishArticle).toMatchObject({ status: 'PUBLISHED', publishedRevisionFr: 1, publishedRevisionEn: null, unilingualReason: 'Avis urgent' });
    });

    it('is done by the lead author or a coordinator, and reviews are given for one’s own organization', async () => {
      const id = await jointArticle();
      ok(await submit(app, lead, id));
      refused(await review(app, hostApprover, id, world.partner.id), 'FORBIDDEN');
      refused(await review(app, world.people.EDITOR, id, world.host.id), 'FORBIDDEN');
      refused(await review(app, world.people.OUTSIDER, id, world.host.id), 'NOT_FOUND');
      await approveByBoth(id);
      refused(await publish(app, coAuthor, id), 'FORBIDDEN');
      refused(await publish(app, world.people.OBSERVER, id), 'FORBIDDEN');
      ok(await publish(app, world.hostAdmin, id));
    });
  });

  describe('the two languages', () => {
    const behind = async (id: string) =>
      refused(await publish(app, world.hostAdmin, id), 'PRECONDITION_FAILED').extensions.reasons.filter((reason: string) => reason.includes('is behind'));

    it('are in step after a translation, behind after a change, and in step again once the other catches up', async () => {
      const id = await jointArticle();
      expect(await behind(id)).toEqual([]);
      ok(await saveRevision(app, coAuthor, id, 'en', 1, { body: '<p>An English change.</p>' }));
      expect(await behind(id)).toEqual(['The French version is behind a later change in English']);
      ok(await saveRevision(app, lead, id, 'fr', 1, { body: '<p>La même chose en français.</p>' }));
      expect(await behind(id)).toEqual([]);
      const revisions = ok(await app.graphql(`query($id: ID!) { article(id: $id) { fr: revisions(language: fr) { translationOf } en: revisions(language: en) { translationOf } } }`, { id }, { token: lead.token }));
      expect(revisions.article).toEqual({ fr: [{ translationOf: null }, { translationOf: 2 }], en: [{ translationOf: 1 }, { translationOf: null }] });
    });

    it('stay in step when a change says which text of the other language it matches', async () => {
      const id = await jointArticle();
      ok(await saveRevision(app, lead, id, 'fr', 1, { body: '<p>Une coquille corrigée.</p>', translationOf: 1 }));
      expect(await behind(id)).toEqual([]);
      refused(await saveRevision(app, lead, id, 'fr', 2, { translationOf: 2 }), 'BAD_USER_INPUT');
    });
  });

  describe('archiving', () => {
    it('withdraws a published article from the feed and makes it read-only, audited', async () => {
      const id = await jointArticle('PUBLIC');
      ok(await submit(app, lead, id));
      await approveByBoth(id);
      ok(await publish(app, lead, id));
      const feed = async () => (await app.get(`/feeds/${world.workspace.slug}/articles.atom`)).body;
      expect(await feed()).toContain(id);
      expect(ok(await archive(app, lead, id)).archiveArticle.status).toBe('ARCHIVED');
      expect(await feed()).not.toContain(id);
      expect(refused(await saveRevision(app, lead, id, 'fr', 1), 'PRECONDITION_FAILED').extensions.reasons).toEqual(['The article is archived']);
      expect(refused(await grantRepublication(app, hostApprover, id, world.outsiderOrganization.id), 'PRECONDITION_FAILED').extensions.reasons).toEqual(['The article is archived']);
      expect(refused(await addComment(app, coAuthor, { articleId: id, revisionId: await currentRevisionId(app, lead, id), quote: 'texte' }), 'PRECONDITION_FAILED').extensions.reasons).toEqual(['The article is archived']);
      expect(refused(await publish(app, lead, id), 'PRECONDITION_FAILED').extensions.reasons).toContain('The article is archived');
      refused(await archive(app, lead, id), 'CONFLICT');
      expect((await auditedActions(id))[0]).toBe('article.archived');
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
      ok(await app.graphql(ARTICLE, { id }, { token: partnerApprover.token }));
      expect(await auditedActions(id)).toContain('article.visibility_changed');
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
      ok(await submit(app, lead, id));
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
      expect(await auditedActions(id)).toEqual(expect.arrayContaining(['article.republication_granted', 'article.republication_revoked']));
    });

    it('shows published PUBLIC articles only, with their frozen text, as Atom', async () => {
      const shown = await jointArticle('PUBLIC');
      ok(await saveRevision(app, lead, shown, 'fr', 1, { title: 'Titre publié & "cité"', body: '<p>Texte publié</p>', translationOf: 1 }));
      ok(await submit(app, lead, shown));
      await approveByBoth(shown);
      ok(await publish(app, lead, shown));
      ok(await saveRevision(app, lead, shown, 'fr', 2, { title: 'Brouillon secret', translationOf: 1 }));
      const internal = await jointArticle('WORKSPACE');
      ok(await submit(app, lead, internal));
      await approveByBoth(internal);
      ok(await publish(app, lead, internal));
      const unpublished = await jointArticle('PUBLIC');

      const response = await app.get(`/feeds/${world.workspace.slug}/articles.atom`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('application/atom+xml');
      expect(XMLValidator.validate(response.body)).toBe(true);
      const { feed } = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['entry', 'author', 'link'].includes(name) }).parse(response.body);
      expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
      expect(feed).toMatchObject({ id: expect.any(String), title: expect.any(String), updated: expect.any(String) });
      const entries = feed.entry.filter((entry: any) => entry.id.startsWith(`urn:tandem:article:${shown}:`));
      expect(entries.map((entry: any) => entry['@_xml:lang']).sort()).toEqual(['en-CA', 'fr-CA']);
      for (const entry of feed.entry) {
        // RFC 4287: an entry has an id, a title, an update time, an author (the feed has none) and a link or content.
        expect(entry).toMatchObject({ id: expect.any(String), title: expect.anything(), updated: expect.any(String), author: [{ name: expect.any(String) }] });
        expect(entry.link[0]['@_rel']).toBe('alternate');
      }
      const french = entries.find((entry: any) => entry['@_xml:lang'] === 'fr-CA');
      expect(french.title).toBe('Titre publié & "cité"');
      expect(french.content).toMatchObject({ '@_type': 'html', '#text': '<p>Texte publié</p>' });
      expect(french.author[0].name).toMatch(/, en collaboration avec /);
      expect(response.body).toContain('<title>Titre publié &amp; &quot;cité&quot;</title>');
      expect(response.body).not.toContain('Brouillon secret');
      expect(response.body).not.toContain(internal);
      expect(response.body).not.toContain(unpublished);
      expect((await app.get('/feeds/no-such-workspace/articles.atom')).statusCode).toBe(404);
    });
  });

  describe('a page of articles', () => {
    it('costs the same number of SQL queries for 3 articles as for 8, with authors, approvals, revisions, diffs, comments and grants', async () => {
      const owner = world.hostAdmin;
      const workspace = await createWorkspace(app, owner, world.host);
      // A page of 8: each diff costs 1,000 of the 10,000 a query may cost.
      for (let i = 0; i < 8; i++) {
        const id = await createArticle(app, owner, workspace.id, world.host.id);
        ok(await saveRevision(app, owner, id, 'fr', null));
        ok(await saveRevision(app, owner, id, 'en', null));
        ok(await submit(app, owner, id));
        ok(await review(app, owner, id, world.host.id));
        ok(await publish(app, owner, id));
        ok(await addComment(app, owner, { articleId: id, revisionId: await currentRevisionId(app, owner, id), quote: 'texte commun' }));
        ok(await grantRepublication(app, owner, id, world.partner.id));
      }
      const page = (first: number) =>
        app.graphql(
          `query($ws: ID!, $first: Int) { articles(workspaceId: $ws, first: $first) { totalCount edges { node {
             byline { fr en } leadOrganization { slug }
             authors { role user { displayName } organization { slug acronym { fr } } }
             approvals { decision stale organization { slug } decidedBy { displayName } }
             fr: currentRevision(language: fr) { number title author { displayName } } en: currentRevision(language: en) { number title }
             publishedRevision(language: fr) { number } revisions(language: en) { number } diff(language: fr, from: 1, to: 1)
             comments { body author { displayName } } republicationGrants { conditions granteeOrganization { slug } grantorOrganization { slug } } } } } }`,
          { ws: workspace.id, first },
          { token: owner.token },
        );
      let small = 0;
      let large = 0;
      const smallCount = await countQueries(app, async () => (small = ok(await page(3)).articles.edges.length));
      const largeCount = await countQueries(app, async () => (large = ok(await page(8)).articles.edges.length));
      expect([small, large]).toEqual([3, 8]);
      expect(largeCount).toBe(smallCount);
      // Session, access, page, count, then one per loader: authors, users, organizations (twice: grants
      // resolve a tick later), approvals, comments, grants, revisions, current and numbered revisions.
      expect(largeCount).toBeLessThanOrEqual(14);
    });
  });
});
