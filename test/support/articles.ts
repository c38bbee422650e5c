/** Who sends a request: a person's token, or none. */
export interface Caller {
  token?: string;
}
import { ok, TestApp } from './harness';
import { TestUser } from './factories';
import { addWorkspaceMember, World } from './world';

export const ARTICLE_FIELDS = `id status visibility publishedAt publishedRevisionFr publishedRevisionEn unilingualReason
  byline { fr en } leadOrganization { id }
  authors { role bylineOrder user { id displayName } organization { id } }
  approvals { decision stale revisionFr revisionEn organization { id } }`;

export async function createArticle(app: TestApp, author: Caller, workspaceId: string, leadOrganizationId: string, visibility = 'WORKSPACE') {
  const data = ok(
    await app.graphql(
      `mutation($input: CreateArticleInput!) { createArticle(input: $input) { id } }`,
      { input: { workspaceId, leadOrganizationId, visibility } },
      { token: author.token },
    ),
  );
  return data.createArticle.id as string;
}

/**
 * Who writes the joint articles of the world: the host's editor leads, the partner's editor
 * co-authors; the partner's admin is made a COORDINATOR of the workspace, to approve for the partner.
 */
export async function jointArticleAuthors(app: TestApp, world: World): Promise<{ lead: TestUser; coAuthor: TestUser }> {
  await addWorkspaceMember(app, world.hostAdmin, world.workspace, world.partnerAdmin, world.partner, 'COORDINATOR');
  return { lead: world.people.EDITOR, coAuthor: world.people.PARTNER_MEMBER };
}

/** An article of the workspace led by `lead` for the host with `coAuthor` for the partner: French by the lead, then its English translation by the co-author. */
export async function createJointArticle(app: TestApp, world: Pick<World, 'workspace' | 'host' | 'partner'>, lead: Caller, coAuthor: Caller & { id: string }, visibility = 'WORKSPACE') {
  const id = await createArticle(app, lead, world.workspace.id, world.host.id, visibility);
  ok(await addAuthor(app, lead, id, coAuthor, world.partner.id));
  ok(await saveRevision(app, lead, id, 'fr', null));
  ok(await saveRevision(app, coAuthor, id, 'en', null));
  return id;
}

export function saveRevision(
  app: TestApp,
  author: Caller,
  articleId: string,
  language: 'fr' | 'en',
  baseRevision: number | null,
  text: { title?: string; summary?: string; body?: string; translationOf?: number } = {},
) {
  return app.graphql(
    `mutation($input: SaveArticleRevisionInput!) { saveArticleRevision(input: $input) { id number language title summary body basedOn translationOf } }`,
    {
      input: {
        articleId,
        language,
        baseRevision,
        title: text.title ?? (language === 'fr' ? 'Le gouvernement numérique' : 'Digital government'),
        summary: text.summary ?? '',
        body: text.body ?? (language === 'fr' ? '<p>Un texte commun.</p>' : '<p>A joint text.</p>'),
        ...(text.translationOf ? { translationOf: text.translationOf } : {}),
      },
    },
    { token: author.token },
  );
}

export function review(app: TestApp, reviewer: Caller, articleId: string, organizationId: string, decision = 'APPROVE') {
  return app.graphql(
    `mutation($input: ReviewArticleInput!) { reviewArticle(input: $input) { decision revisionFr revisionEn stale } }`,
    { input: { articleId, organizationId, decision } },
    { token: reviewer.token },
  );
}

export function publish(app: TestApp, user: Caller, articleId: string, unilingualReason?: string) {
  return app.graphql(
    `mutation($input: PublishArticleInput!) { publishArticle(input: $input) { status publishedRevisionFr publishedRevisionEn unilingualReason } }`,
    { input: { articleId, ...(unilingualReason ? { unilingualReason } : {}) } },
    { token: user.token },
  );
}

export function addAuthor(app: TestApp, by: Caller, articleId: string, user: { id: string }, organizationId: string, role = 'CO_AUTHOR') {
  return app.graphql(
    `mutation($input: AddArticleAuthorInput!) { addArticleAuthor(input: $input) { id } }`,
    { input: { articleId, userId: user.id, organizationId, role } },
    { token: by.token },
  );
}

export function submit(app: TestApp, by: Caller, articleId: string) {
  return app.graphql(`mutation($input: ArticleIdInput!) { submitArticleForReview(input: $input) { status } }`, { input: { articleId } }, { token: by.token });
}

export function archive(app: TestApp, by: Caller, articleId: string) {
  return app.graphql(`mutation($input: ArticleIdInput!) { archiveArticle(input: $input) { status } }`, { input: { articleId } }, { token: by.token });
}

export function addComment(app: TestApp, by: Caller, input: { articleId: string; revisionId?: string; quote?: string; body?: string; parentId?: string }) {
  return app.graphql(
    `mutation($input: AddCommentInput!) { addComment(input: $input) { id quote revisionId parentId author { id } } }`,
    { input: { body: 'Remarque', ...input } },
    { token: by.token },
  );
}

export function grantRepublication(app: TestApp, by: Caller, articleId: string, organizationId: string, conditions = 'Mention de la source') {
  return app.graphql(
    `mutation($input: GrantRepublicationInput!) { grantRepublication(input: $input) { id conditions granteeOrganization { id } grantorOrganization { id } } }`,
    { input: { articleId, organizationId, conditions } },
    { token: by.token },
  );
}

/** The id of the current revision of a language, as an author sees it. */
export async function currentRevisionId(app: TestApp, viewer: Caller, articleId: string, language: 'fr' | 'en' = 'fr'): Promise<string> {
  const data = ok(await app.graphql(`query($id: ID!, $language: Language!) { article(id: $id) { currentRevision(language: $language) { id } } }`, { id: articleId, language }, { token: viewer.token }));
  return data.article.currentRevision.id;
}
