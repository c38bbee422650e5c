/**
 * `articles(workspaceId, first: 50)` with authors, their organizations, approvals and the current
 * revision of each language, on a workspace of 10,000 articles — against a bare Fastify route in the
 * same process that is sent the same POST, runs one hand-written SQL and returns the same JSON, and
 * (on a PostgreSQL server) against the same AppModule on @nestjs/apollo with Express. The page of 10
 * shows how Node's time per request grows with the page, beside the bare route's growth; the SQL
 * statements per request are counted. The bare route's own ratio to Apollo is printed as the bound of the
 * Apollo ratio: a server doing no more than the bare route would reach it.
 *
 *   npm run bench:articles                      # embedded PostgreSQL
 *   DATABASE_URL=postgres://… npm run bench:articles
 */
import 'reflect-metadata';
import { deepStrictEqual } from 'node:assert';
import { DataSource } from 'typeorm';
import { AppConfig } from '../src/config/config';
import { graphqlRequest, ok, SHIPPED_SESSION_CACHE_SECONDS, TestApp } from '../test/support/harness';
import { countQueries } from '../test/support/queries';
import { createWorld } from '../test/support/world';
import { ApolloApp, startApolloApp } from './apollo-app';
import { bareAnswer, compare, ONE_CLIENT_UNLIMITED, report } from './support';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = 8;

// Both apps sign and verify with this secret, so that one token serves both.
const JWT_SECRET = 'bench-articles-secret-of-at-least-thirty-two-characters';
// As shipped (the tests' harness turns the session cache off); BENCH_SESSION_CACHE_SECONDS=0 checks the session on every request.
const SESSION_CACHE_SECONDS = process.env.BENCH_SESSION_CACHE_SECONDS ?? SHIPPED_SESSION_CACHE_SECONDS;

const QUERY = `query($ws: ID!, $first: Int!) { articles(workspaceId: $ws, first: $first) { edges { node {
  id status leadOrganization { slug }
  authors { role user { displayName } organization { slug } }
  approvals { decision organization { slug } }
  fr: currentRevision(language: fr) { number title }
  en: currentRevision(language: en) { number title } } } } }`;

/** The same page in one statement: what a hand-written endpoint would do. */
const BARE_SQL = `
  SELECT a.id, a.status, lead.slug AS lead_slug,
    (SELECT coalesce(json_agg(json_build_object('role', aa.role, 'user', json_build_object('displayName', u.display_name),
                                                'organization', json_build_object('slug', o.slug)) ORDER BY aa.byline_order, aa.created_at), '[]')
       FROM article_author aa JOIN "user" u ON u.id = aa.user_id JOIN organization o ON o.id = aa.organization_id
      WHERE aa.article_id = a.id) AS authors,
    (SELECT coalesce(json_agg(json_build_object('decision', ap.decision, 'organization', json_build_object('slug', o.slug)) ORDER BY ap.created_at DESC), '[]')
       FROM approval ap JOIN organization o ON o.id = ap.organization_id WHERE ap.article_id = a.id) AS approvals,
    (SELECT json_build_object('number', r.number, 'title', r.title) FROM article_revision r
      WHERE r.article_id = a.id AND r.language = 'fr' ORDER BY r.number DESC LIMIT 1) AS fr,
    (SELECT json_build_object('number', r.number, 'title', r.title) FROM article_revision r
      WHERE r.article_id = a.id AND r.language = 'en' ORDER BY r.number DESC LIMIT 1) AS en
  FROM article a JOIN organization lead ON lead.id = a.lead_organization_id
  WHERE a.workspace_id = $1
  ORDER BY a.created_at DESC, a.id DESC
  LIMIT $2`;

async function main(): Promise<void> {
  // The budget is a per-user limit of the product; a benchmark's one user would spend it.
  const app = await TestApp.start({ LOG_LEVEL: 'silent', JWT_SECRET, SESSION_CACHE_SECONDS, ...ONE_CLIENT_UNLIMITED }, (nest) =>
    nest
      .getHttpAdapter()
      .getInstance()
      .post('/bench/articles', async (request) => {
        const { ws, first } = (request.body as { variables: { ws: string; first: number } }).variables;
        const rows = await nest.get(DataSource).query(BARE_SQL, [ws, first]);
        return {
          data: {
            articles: {
              edges: rows.map((row: Record<string, unknown>) => ({
                node: { id: row.id, status: row.status, leadOrganization: { slug: row.lead_slug }, authors: row.authors, approvals: row.approvals, fr: row.fr, en: row.en },
              })),
            },
          },
        };
      }),
  );
  let apollo: ApolloApp | undefined;
  try {
    const world = await createWorld(app);
    const owner = world.hostAdmin;
    const workspaceId = world.workspace.id;
    await seed(app, workspaceId, world.host.id, world.partner.id, owner.id, world.people.PARTNER_MEMBER.id);
    // PGlite is single-session: a second app cannot open the embedded database.
    const serverUrl = app.app.get(AppConfig).DATABASE_URL;
    if (serverUrl) apollo = await startApolloApp({ LOG_LEVEL: 'silent', JWT_SECRET, SESSION_CACHE_SECONDS, DATABASE_URL: serverUrl });

    const fastify = app.app.getHttpAdapter().getInstance();
    const graphql = (first: number) => async () => {
      const response = await app.graphql(QUERY, { ws: workspaceId, first }, { token: owner.token });
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response;
    };
    // The request the GraphQL page is, variables and all, with no token: the bare route checks none.
    const bare = (first: number) => () => bareAnswer(fastify.inject({ ...graphqlRequest(QUERY, { ws: workspaceId, first }), url: '/bench/articles' }));
    const onApollo = async () => {
      const response = await (apollo as ApolloApp).graphql(QUERY, { ws: workspaceId, first: 50 }, owner.token);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response;
    };
    const expected = (await bare(50)()).data;
    deepStrictEqual(ok(await graphql(10)()), (await bare(10)()).data);
    deepStrictEqual(ok(await graphql(50)()), expected);
    if (apollo) deepStrictEqual((await onApollo()).data, expected);
    // One after the other: counting wraps the data source's logger, so concurrent counts would see each other's statements.
    const statements = [await countQueries(app, graphql(10)), await countQueries(app, graphql(50))];

    const cases = [
      { label: 'bare route, one SQL (50)', request: async () => void (await bare(50)()) },
      { label: 'bare route, one SQL (10)', request: async () => void (await bare(10)()) },
      { label: 'GraphQL articles(first: 50)', request: async () => void (await graphql(50)()) },
      { label: 'GraphQL articles(first: 10)', request: async () => void (await graphql(10)()) },
      ...(apollo ? [{ label: 'same schema on Apollo/Express (50)', request: async () => void (await onApollo()) }] : []),
    ];
    // Long enough runs for steady figures: at 400 requests a case, the ratio moved between 0.52 and 0.67 from run to run.
    const [reference, bare10, page50, page10, onApolloResult] = await compare(cases, { total: REQUESTS, concurrency: CONCURRENCY, warmup: 200 });
    report(
      `articles page on ${ARTICLES} articles (${serverUrl ? 'PostgreSQL server' : 'embedded PostgreSQL'}, SESSION_CACHE_SECONDS=${SESSION_CACHE_SECONDS})`,
      [reference, bare10, page50, page10, ...(onApolloResult ? [onApolloResult] : [])],
      reference,
      { 'GraphQL articles(first: 50)': '>= 0.6', 'GraphQL articles(first: 10)': 'main thread ms/req as for 50' },
    );
    // What 40 more articles cost Node, against what they cost the bare route: the part of the growth the stack adds.
    const growth = (large: { mainThreadMs: number }, small: { mainThreadMs: number }) => (large.mainThreadMs - small.mainThreadMs).toFixed(2);
    console.log(`Node ms per request, page of 50 minus page of 10: GraphQL ${growth(page50, page10)}, bare route ${growth(reference, bare10)} (goal: flat)`);
    console.log(`SQL statements per request: ${statements[0]} for a page of 10, ${statements[1]} for 50 (goal: at most 3, whatever the page size)`);
    if (onApolloResult) {
      console.log(`Mercurius + graphql-jit / Apollo + Express, same schema: ${(page50.perSecond / onApolloResult.perSecond).toFixed(2)}x (goal: >= 5x)`);
      // A server that did no more than the bare route would reach this ratio and no further.
      console.log(`  bound: bare route (one SQL, no token checked) / Apollo + Express: ${(reference.perSecond / onApolloResult.perSecond).toFixed(2)}x`);
    } else {
      console.log('Apollo/Express: measured on a PostgreSQL server only (set DATABASE_URL)');
    }
  } finally {
    await apollo?.stop();
    await app.stop();
  }
}

/** 10,000 articles in one statement per table: two authors of two organizations, both languages, one approval. */
async function seed(app: TestApp, workspaceId: string, hostId: string, partnerId: string, leadId: string, coAuthorId: string): Promise<void> {
  const sql = (query: string, params: unknown[] = []) => app.dataSource.query(query, params);
  await sql(
    `INSERT INTO article (workspace_id, lead_organization_id, visibility, status, created_by_id, created_at)
     SELECT $1::uuid, $2::uuid, 'WORKSPACE', 'IN_REVIEW', $3::uuid, now() - make_interval(secs => n) FROM generate_series(1, $4) n`,
    [workspaceId, hostId, leadId, ARTICLES],
  );
  await sql(
    `INSERT INTO article_author (article_id, user_id, organization_id, role, byline_order)
     SELECT id, $2::uuid, $3::uuid, 'LEAD'::author_role, 0 FROM article WHERE workspace_id = $1
     UNION ALL SELECT id, $4::uuid, $5::uuid, 'CO_AUTHOR'::author_role, 1 FROM article WHERE workspace_id = $1`,
    [workspaceId, leadId, hostId, coAuthorId, partnerId],
  );
  await sql(
    `INSERT INTO article_revision (article_id, language, number, title, summary, body, author_id, organization_id)
     SELECT a.id, l.language::language, 1, 'Article ' || a.id, '', '<p>Texte</p>', $2::uuid, $3::uuid
       FROM article a CROSS JOIN (VALUES ('fr'), ('en')) l(language) WHERE a.workspace_id = $1`,
    [workspaceId, leadId, hostId],
  );
  await sql(
    `INSERT INTO approval (article_id, organization_id, decision, revision_fr, revision_en, decided_by_id)
     SELECT id, $2::uuid, 'APPROVE', 1, 1, $3::uuid FROM article WHERE workspace_id = $1`,
    [workspaceId, hostId, leadId],
  );
  await sql('ANALYZE');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
