import { addAuthor, addComment, archive, createArticle, currentRevisionId, grantRepublication, publish, review, saveRevision, submit } from '../support/articles';
import { ok, TestApp } from '../support/harness';
import { Persona, World } from '../support/world';
import { ALL_MEMBERS, MANAGERS, MatrixAction, othersOf, outcomes } from './matrix';

/** The organization a persona acts for (an outsider names the host, which it cannot see). */
const actingFor = (world: World, persona: Persona) => (persona === 'PARTNER_MEMBER' ? world.partner.id : world.host.id);

/** An article led by the host's editor, with the partner's editor as co-author, French text saved. */
async function jointArticle(app: TestApp, world: World): Promise<string> {
  const id = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id);
  ok(await addAuthor(app, world.people.EDITOR, id, world.people.PARTNER_MEMBER, world.partner.id));
  ok(await saveRevision(app, world.people.EDITOR, id, 'fr', null));
  return id;
}

type Stage = 'submitted' | 'approved' | 'published';

/** A host-only article, in both languages, submitted; approved and published when asked. */
async function hostArticle(app: TestApp, world: World, stage: Stage): Promise<string> {
  const id = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id);
  ok(await saveRevision(app, world.people.EDITOR, id, 'fr', null));
  ok(await saveRevision(app, world.people.EDITOR, id, 'en', null, { translationOf: 1 }));
  ok(await submit(app, world.people.EDITOR, id));
  if (stage !== 'submitted') ok(await review(app, world.hostAdmin, id, world.host.id));
  if (stage === 'published') ok(await publish(app, world.hostAdmin, id));
  return id;
}

type ArticleRun = MatrixAction<string>['run'];

/** A row whose every attempt meets a fresh joint article: `allowed` succeed, the other members are FORBIDDEN. */
const onJointArticle = (name: string, allowed: readonly Persona[], run: ArticleRun): MatrixAction<string> => ({
  name,
  setup: jointArticle,
  run,
  expect: outcomes(allowed, othersOf(allowed)),
});

/** The same on a fresh host-only article at `stage`. */
const onHostArticle = (name: string, stage: Stage, allowed: readonly Persona[], run: ArticleRun): MatrixAction<string> => ({
  name,
  setup: (app, world) => hostArticle(app, world, stage),
  run,
  expect: outcomes(allowed, othersOf(allowed)),
});

const WRITERS = ['EDITOR', 'PARTNER_MEMBER'] as const;
const PUBLISHERS = ['OWNER', 'COORDINATOR', 'EDITOR'] as const;
/** Managers, and the authors of the article. */
const MANAGERS_AND_AUTHORS = ['OWNER', 'COORDINATOR', 'EDITOR', 'PARTNER_MEMBER'] as const;

/** The article actions of the access policy (issue 5). EDITOR is the lead author; PARTNER_MEMBER a co-author. */
export const articleActions: MatrixAction[] = [
  onJointArticle('article(id)', ALL_MEMBERS, (app, _world, token, id) => app.graphql(`query($id: ID!) { article(id: $id) { id byline { fr } } }`, { id }, { token })),
  onJointArticle('articles(workspaceId)', ALL_MEMBERS, (app, world, token) =>
    app.graphql(`query($ws: ID!) { articles(workspaceId: $ws, first: 5) { edges { node { id } } } }`, { ws: world.workspace.id }, { token }),
  ),
  {
    name: 'createArticle',
    run: (app, world, token, _context, persona) =>
      app.graphql(
        `mutation($input: CreateArticleInput!) { createArticle(input: $input) { id } }`,
        { input: { workspaceId: world.workspace.id, leadOrganizationId: actingFor(world, persona) } },
        { token },
      ),
    expect: outcomes(['OWNER', 'COORDINATOR', 'EDITOR', 'PARTNER_MEMBER'], ['CONTRIBUTOR', 'OBSERVER']),
  },
  onJointArticle('addArticleAuthor', MANAGERS_AND_AUTHORS, (app, world, token, id) => addAuthor(app, { token }, id, world.people.CONTRIBUTOR, world.host.id, 'CONTRIBUTOR')),
  onJointArticle('saveArticleRevision', WRITERS, (app, _world, token, id) => saveRevision(app, { token }, id, 'fr', 1)),
  {
    name: 'addComment',
    setup: async (app, world) => {
      const id = await jointArticle(app, world);
      return { id, revisionId: await currentRevisionId(app, world.people.EDITOR, id) };
    },
    run: (app, _world, token, { id, revisionId }) => addComment(app, { token }, { articleId: id, revisionId, quote: 'texte' }),
    expect: outcomes(MANAGERS_AND_AUTHORS, othersOf(MANAGERS_AND_AUTHORS)),
  },
  {
    name: 'resolveComment',
    setup: async (app, world) => {
      const id = await jointArticle(app, world);
      const revisionId = await currentRevisionId(app, world.people.EDITOR, id);
      return ok(await addComment(app, world.people.EDITOR, { articleId: id, revisionId, quote: 'texte' })).addComment.id;
    },
    run: (app, _world, token, commentId) =>
      app.graphql(`mutation($input: ResolveCommentInput!) { resolveComment(input: $input) { resolvedAt } }`, { input: { commentId } }, { token }),
    expect: outcomes(MANAGERS_AND_AUTHORS, othersOf(MANAGERS_AND_AUTHORS)),
  },
  onJointArticle('submitArticleForReview', MANAGERS_AND_AUTHORS, (app, _world, token, id) => submit(app, { token }, id)),
  onHostArticle('reviewArticle', 'submitted', MANAGERS, (app, world, token, id, persona) => review(app, { token }, id, actingFor(world, persona))),
  onHostArticle('publishArticle', 'approved', PUBLISHERS, (app, _world, token, id) => publish(app, { token }, id)),
  onJointArticle('archiveArticle', PUBLISHERS, (app, _world, token, id) => archive(app, { token }, id)),
  onJointArticle('changeArticleVisibility', PUBLISHERS, (app, _world, token, id) =>
    app.graphql(`mutation($input: ChangeArticleVisibilityInput!) { changeArticleVisibility(input: $input) { visibility } }`, { input: { articleId: id, visibility: 'PUBLIC' } }, { token }),
  ),
  onHostArticle('grantRepublication', 'published', MANAGERS, (app, world, token, id) => grantRepublication(app, { token }, id, world.outsiderOrganization.id, 'Citer la source')),
  {
    name: 'revokeRepublicationGrant',
    setup: async (app, world) => {
      const id = await hostArticle(app, world, 'published');
      return ok(await grantRepublication(app, world.hostAdmin, id, world.outsiderOrganization.id)).grantRepublication.id;
    },
    run: (app, _world, token, grantId) =>
      app.graphql(`mutation($input: RevokeRepublicationGrantInput!) { revokeRepublicationGrant(input: $input) { revokedAt } }`, { input: { grantId } }, { token }),
    expect: outcomes(MANAGERS, othersOf(MANAGERS)),
  },
];
