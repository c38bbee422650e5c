import { TestUser } from './support/factories';
import { addAuthor, createArticle, publish, review, saveRevision, submit } from './support/articles';
import { describeApp, ok } from './support/harness';
import { countQueries } from './support/queries';
import { TestWorkspace } from './support/world';

/**
 * `articles(...)` resolves its nodes as one SQL projection (src/common/projection): the same answer
 * as the loaders give for each article, in one statement for the page whatever its size.
 */
const NODE = `fragment Node on Article {
  id status visibility createdAt updatedAt publishedAt publishedRevisionFr
  lead: leadOrganization { slug name { fr en } acronym { fr } }
  ... on Article { authors { role bylineOrder createdAt user { id displayName } organization { slug jurisdiction emailDomains } } }
  approvals { decision stale revisionFr organization { slug } decidedBy { displayName } }
  fr: currentRevision(language: fr) { number title author { displayName } createdAt }
  other: currentRevision(language: $language) { language number body }
  publishedRevision(language: fr) { number }
  revisions(language: en) { number basedOn }
  byline { fr en }
  __typename
}`;

const PAGE = `query($ws: ID!, $first: Int, $after: String, $language: Language!) {
  articles(workspaceId: $ws, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ...Node } }
    again: edges { node { id authors { role } } }
  }
} ${NODE}`;

/** Each article alone through `article(id)`, whose fields are loaded by the loaders. */
const loaded = (ids: string[]) => `query($language: Language!) { ${ids.map((id, index) => `a${index}: article(id: "${id}") { ...Node }`).join(' ')} } ${NODE}`;

const SMALL = `query($ws: ID!, $first: Int) { articles(workspaceId: $ws, first: $first) { edges { node {
  id authors { role user { displayName } organization { slug } } approvals { decision organization { slug } }
  fr: currentRevision(language: fr) { number title } en: currentRevision(language: en) { number title } } } } }`;

// Article i of 12 (created in that order, listed newest first): internal ones, and those the partner co-writes.
const internal = (i: number) => i % 4 === 3;
const byPartner = (i: number) => i % 2 === 1 && i !== 7;

describeApp('the SQL projection of a page of articles', { world: true }, ({ app, world }) => {
  let owner: TestUser;
  let workspace: TestWorkspace;
  let partner: TestUser;
  const ids: string[] = [];

  beforeAll(async () => {
    owner = world.hostAdmin;
    workspace = world.workspace;
    partner = world.people.PARTNER_MEMBER;
    for (let i = 0; i < 12; i++) {
      const id = await createArticle(app, owner, workspace.id, world.host.id, internal(i) ? 'ORGANIZATION' : 'WORKSPACE');
      if (byPartner(i)) ok(await addAuthor(app, owner, id, partner, world.partner.id));
      ok(await saveRevision(app, owner, id, 'fr', null));
      if (i % 3) ok(await saveRevision(app, owner, id, 'en', null));
      if (i % 3 === 1) {
        ok(await saveRevision(app, owner, id, 'fr', 1, { body: `<p>Version ${i}</p>` }));
        ok(await saveRevision(app, owner, id, 'en', 1, { body: `<p>Version ${i}</p>` }));
        ok(await submit(app, owner, id));
        ok(await review(app, owner, id, world.host.id));
        if (i % 2 === 0) ok(await publish(app, owner, id));
      }
      ids.unshift(id);
    }
  });

  const page = (viewer: TestUser, variables: Record<string, unknown>) =>
    app.graphql(PAGE, { ws: workspace.id, language: 'en', ...variables }, { token: viewer.token });

  it('answers what the loaders answer for each article, through aliases, fragments and variables', async () => {
    const projected = ok(await page(owner, { first: 12 })).articles;
    expect(projected.edges.map((edge: any) => edge.node.id)).toEqual(ids);
    const one = ok(await app.graphql(loaded(ids), { language: 'en' }, { token: owner.token }));
    expect(projected.edges.map((edge: any) => edge.node)).toEqual(ids.map((_, index) => one[`a${index}`]));
    expect(projected.again).toEqual(projected.edges.map((edge: any) => ({ node: { id: edge.node.id, authors: edge.node.authors.map((author: any) => ({ role: author.role })) } })));
    expect(projected.edges[0].node.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('hides internal articles from partners who do not write them', async () => {
    const visible = async (viewer: TestUser) => ok(await page(viewer, { first: 100 })).articles.edges.map((edge: any) => edge.node.id);
    const created = [...ids].reverse();
    expect(await visible(owner)).toEqual(ids);
    expect(await visible(partner)).toEqual(ids.filter((id) => !internal(created.indexOf(id)) || byPartner(created.indexOf(id))));
    expect(await visible(partner)).not.toContain(created[7]);
  });

  it('pages forward with the same cursors and pageInfo as the whole list', async () => {
    const whole = ok(await page(owner, { first: 12 })).articles;
    const seen: any[] = [];
    let after: string | null = null;
    for (;;) {
      const next: any = ok(await page(owner, { first: 5, after })).articles;
      seen.push(...next.edges);
      expect(next.pageInfo.endCursor).toBe(next.edges.at(-1).cursor);
      if (!next.pageInfo.hasNextPage) break;
      after = next.pageInfo.endCursor;
    }
    expect(seen).toEqual(whole.edges);
    expect(ok(await page(owner, { first: 5, after: whole.pageInfo.endCursor })).articles).toMatchObject({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('costs at most 3 SQL statements per request, for 3 articles as for 12', async () => {
    const counted = async (first: number) => {
      let size = 0;
      const statements = await countQueries(app, async () => (size = ok(await app.graphql(SMALL, { ws: workspace.id, first }, { token: owner.token })).articles.edges.length));
      return { size, statements };
    };
    const [small, large] = [await counted(3), await counted(12)];
    expect([small.size, large.size]).toEqual([3, 12]);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(3);
  });
});
