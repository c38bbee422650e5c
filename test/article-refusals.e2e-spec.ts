import { randomUUID } from 'node:crypto';
import { TestUser } from './support/factories';
import { addAuthor, addComment, archive, createArticle, createJointArticle, currentRevisionId, grantRepublication, jointArticleAuthors, publish, review, saveRevision, submit } from './support/articles';
import { describeApp, GraphQLResponse, ok, refused } from './support/harness';
import { newWorkspaceMember } from './support/world';

/** Every refusal of the article operations that the role matrix does not already show, through the API. */
describeApp('article refusals', { world: true }, ({ app, world }) => {
  let lead: TestUser;
  let coAuthor: TestUser;
  let otherEditor: TestUser;

  beforeAll(async () => {
    ({ lead, coAuthor } = await jointArticleAuthors(app, world));
    otherEditor = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'EDITOR');
  });

  const reasons = (response: GraphQLResponse) => refused(response, 'PRECONDITION_FAILED').extensions.reasons;
  const fields = (response: GraphQLResponse) => refused(response, 'BAD_USER_INPUT').extensions.fields.map((f: any) => f.field);

  /** An article by the host's editor with the partner's editor as co-author, in both languages. */
  const jointArticle = () => createJointArticle(app, world, lead, coAuthor);

  /** A host-only article, in both languages, approved by the host and published by its owner. */
  async function publishedHostArticle(): Promise<string> {
    const id = await createArticle(app, lead, world.workspace.id, world.host.id);
    ok(await saveRevision(app, lead, id, 'fr', null));
    ok(await saveRevision(app, lead, id, 'en', null));
    ok(await submit(app, lead, id));
    ok(await review(app, world.hostAdmin, id, world.host.id));
    ok(await publish(app, world.hostAdmin, id));
    return id;
  }

  describe('article(id)', () => {
    it('is NOT_FOUND for a malformed id and for an id that does not exist', async () => {
      const ARTICLE = `query($id: ID!) { article(id: $id) { id } }`;
      refused(await app.graphql(ARTICLE, { id: 'not-an-id' }, { token: lead.token }), 'NOT_FOUND');
      refused(await app.graphql(ARTICLE, { id: randomUUID() }, { token: lead.token }), 'NOT_FOUND');
    });
  });

  describe('createArticle', () => {
    it('leads only for the organization one acts for', async () => {
      const response = await app.graphql(
        `mutation($input: CreateArticleInput!) { createArticle(input: $input) { id } }`,
        { input: { workspaceId: world.workspace.id, leadOrganizationId: world.partner.id } },
        { token: lead.token },
      );
      refused(response, 'FORBIDDEN');
    });
  });

  describe('addArticleAuthor', () => {
    it('is for the authors of the article or a coordinator', async () => {
      const id = await jointArticle();
      refused(await addAuthor(app, otherEditor, id, world.people.CONTRIBUTOR, world.host.id), 'FORBIDDEN');
      ok(await addAuthor(app, world.people.COORDINATOR, id, world.people.CONTRIBUTOR, world.host.id, 'CONTRIBUTOR'));
    });

    it('refuses a second lead, a person not acting for the organization, an observer, and an author twice', async () => {
      const id = await jointArticle();
      expect(fields(await addAuthor(app, lead, id, otherEditor, world.host.id, 'LEAD'))).toEqual(['role']);
      expect(reasons(await addAuthor(app, lead, id, otherEditor, world.partner.id))).toEqual([
        'An author must be a member of the workspace acting for the organization they write for',
      ]);
      expect(reasons(await addAuthor(app, lead, id, world.people.OUTSIDER, world.outsiderOrganization.id))).toHaveLength(1);
      expect(reasons(await addAuthor(app, lead, id, world.people.OBSERVER, world.host.id))).toEqual(['An author must be able to write; observers only read']);
      refused(await addAuthor(app, lead, id, coAuthor, world.partner.id), 'CONFLICT');
      refused(await addAuthor(app, lead, randomUUID(), otherEditor, world.host.id), 'NOT_FOUND');
    });
  });

  describe('saveArticleRevision', () => {
    it('refuses invalid text and a translationOf the other language does not have', async () => {
      const id = await jointArticle();
      expect(fields(await saveRevision(app, lead, id, 'fr', 1, { title: '   ' }))).toEqual(['title']);
      expect(fields(await saveRevision(app, lead, id, 'fr', 1, { translationOf: 7 }))).toEqual(['translationOf']);
      const alone = await createArticle(app, lead, world.workspace.id, world.host.id);
      expect(fields(await saveRevision(app, lead, alone, 'fr', null, { translationOf: 1 }))).toEqual(['translationOf']);
    });

    it('refuses a base that does not exist yet with the current state', async () => {
      const id = await jointArticle();
      expect(refused(await saveRevision(app, lead, id, 'fr', 5), 'CONFLICT').extensions.currentRevision).toMatchObject({ number: 1 });
      const empty = await createArticle(app, lead, world.workspace.id, world.host.id);
      expect(refused(await saveRevision(app, lead, empty, 'fr', 1), 'CONFLICT').extensions.currentRevision).toBeNull();
    });
  });

  describe('submitArticleForReview', () => {
    it('needs text, an author or a coordinator, and a draft', async () => {
      const empty = await createArticle(app, lead, world.workspace.id, world.host.id);
      expect(reasons(await submit(app, lead, empty))).toEqual(['The article has no text yet']);
      const id = await jointArticle();
      refused(await submit(app, otherEditor, id), 'FORBIDDEN');
      refused(await submit(app, world.people.OBSERVER, id), 'FORBIDDEN');
      ok(await submit(app, lead, id));
      expect(refused(await submit(app, coAuthor, id), 'CONFLICT').extensions.status).toBe('IN_REVIEW');
    });
  });

  describe('reviewArticle', () => {
    it('needs the article in review and an organization with an author on it', async () => {
      const id = await createArticle(app, lead, world.workspace.id, world.host.id);
      ok(await saveRevision(app, lead, id, 'fr', null));
      expect(reasons(await review(app, world.hostAdmin, id, world.host.id))).toEqual(['The article is DRAFT']);
      ok(await submit(app, lead, id));
      expect(reasons(await review(app, world.partnerAdmin, id, world.partner.id))).toEqual(['The organization has no author on the article']);
    });

    it('sends a requested change back to draft, and its approval does not count', async () => {
      const id = await jointArticle();
      ok(await submit(app, lead, id));
      ok(await review(app, world.hostAdmin, id, world.host.id));
      expect(ok(await review(app, world.partnerAdmin, id, world.partner.id, 'REQUEST_CHANGES')).reviewArticle.decision).toBe('REQUEST_CHANGES');
      expect(reasons(await publish(app, world.hostAdmin, id))).toEqual(['The article has not been submitted for review', 'E-Gouv Québec has not approved the current text']);
    });
  });

  describe('publishArticle', () => {
    it('lists every reason for an article nobody approved, and refuses the same text twice', async () => {
      const id = await jointArticle();
      expect(reasons(await publish(app, lead, id))).toEqual([
        'The article has not been submitted for review',
        'Communications Community Office has not approved the current text',
        'E-Gouv Québec has not approved the current text',
      ]);
      const published = await publishedHostArticle();
      expect(reasons(await publish(app, world.hostAdmin, published))).toEqual(['This exact text is already published']);
    });
  });

  describe('comments', () => {
    it('need a revision of the article, a quote, and an existing parent', async () => {
      const id = await jointArticle();
      const other = await jointArticle();
      const revisionId = await currentRevisionId(app, lead, id);
      expect(fields(await addComment(app, coAuthor, { articleId: id, quote: 'texte' }))).toEqual(['revisionId']);
      expect(fields(await addComment(app, coAuthor, { articleId: id, revisionId }))).toEqual(['quote']);
      refused(await addComment(app, coAuthor, { articleId: id, revisionId: await currentRevisionId(app, lead, other), quote: 'texte' }), 'NOT_FOUND');
      refused(await addComment(app, coAuthor, { articleId: id, parentId: randomUUID() }), 'NOT_FOUND');
    });

    it('are resolved by thread, by someone who may comment', async () => {
      const id = await jointArticle();
      const thread = ok(await addComment(app, coAuthor, { articleId: id, revisionId: await currentRevisionId(app, lead, id), quote: 'texte' })).addComment;
      const reply = ok(await addComment(app, lead, { articleId: id, parentId: thread.id })).addComment;
      const RESOLVE = `mutation($input: ResolveCommentInput!) { resolveComment(input: $input) { resolvedAt } }`;
      expect(reasons(await app.graphql(RESOLVE, { input: { commentId: reply.id } }, { token: lead.token }))).toEqual(['Resolve the first comment of the thread']);
      refused(await app.graphql(RESOLVE, { input: { commentId: thread.id } }, { token: world.people.CONTRIBUTOR.token }), 'FORBIDDEN');
      refused(await app.graphql(RESOLVE, { input: { commentId: thread.id } }, { token: world.people.OBSERVER.token }), 'FORBIDDEN');
      refused(await app.graphql(RESOLVE, { input: { commentId: randomUUID() } }, { token: lead.token }), 'NOT_FOUND');
    });
  });

  describe('republication grants', () => {
    it('are given by an organization with an author, to another organization that exists', async () => {
      const id = await publishedHostArticle();
      refused(await grantRepublication(app, world.partnerAdmin, id, world.outsiderOrganization.id), 'FORBIDDEN');
      expect(fields(await grantRepublication(app, world.hostAdmin, id, world.host.id))).toEqual(['organizationId']);
      refused(await grantRepublication(app, world.hostAdmin, id, randomUUID()), 'NOT_FOUND');
    });

    it('are revoked only by someone who can see them', async () => {
      const id = await publishedHostArticle();
      const grant = ok(await grantRepublication(app, world.hostAdmin, id, world.outsiderOrganization.id)).grantRepublication;
      const REVOKE = `mutation($input: RevokeRepublicationGrantInput!) { revokeRepublicationGrant(input: $input) { revokedAt } }`;
      refused(await app.graphql(REVOKE, { input: { grantId: grant.id } }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
      refused(await app.graphql(REVOKE, { input: { grantId: randomUUID() } }, { token: world.hostAdmin.token }), 'NOT_FOUND');
      refused(await app.graphql(REVOKE, { input: { grantId: grant.id } }, { token: lead.token }), 'FORBIDDEN');
    });
  });

  describe('archiveArticle', () => {
    it('is for the lead author or a coordinator, once', async () => {
      const id = await jointArticle();
      refused(await archive(app, coAuthor, id), 'FORBIDDEN');
      refused(await archive(app, otherEditor, id), 'FORBIDDEN');
      ok(await archive(app, world.people.COORDINATOR, id));
      refused(await archive(app, lead, id), 'CONFLICT');
      expect(reasons(await submit(app, lead, id))).toEqual(['The article is archived']);
      expect(reasons(await addAuthor(app, lead, id, otherEditor, world.host.id))).toEqual(['The article is archived']);
    });
  });
});
