import { randomUUID } from 'node:crypto';
import { SearchWordsWithDigits1764920000000 } from '../migrations/1764920000000-SearchWordsWithDigits';
import { FeedServer, rss2 } from './support/feeds';
import { createArticle, saveRevision } from './support/articles';
import { describeApp, ok } from './support/harness';
import { createSource, refreshSource, shareSource } from './support/sources';

const SEARCH = `query($query: String!) { search(query: $query, filter: { types: [WATCH_ITEM] }) { totalCount edges { node { id } } } }`;

// The feed server starts before the app, which needs its address, and stops after it.
let server: FeedServer;
beforeAll(async () => (server = await FeedServer.start()));
afterAll(() => server.stop());

/** The stored, indexed vectors of migrations/1764840000000-SearchVectors.ts: kept by the database, whoever writes the row. */
describeApp('the stored search vectors', { world: true, env: () => ({ FETCH_ALLOW_HOSTS: server.host }) }, ({ app, world }) => {
  const word = () => `mot${randomUUID().replace(/[^a-f]/g, '').slice(0, 10)}`;
  const found = async (query: string) =>
    ok(await app.graphql(SEARCH, { query }, { token: world.people.OBSERVER.token })).search.edges.map((edge: { node: { id: string } }) => edge.node.id);

  it("follow a watch item's text when a re-fetch rewrites it, and cannot be written by anyone else", async () => {
    const [before, after] = [word(), word()];
    server.routes.set('/vectors', { body: rss2('Vecteurs', [{ id: 'vector-0', title: `Première version ${before}` }]) });
    const source = await createSource(app, world.hostAdmin, world.host, { url: server.url('/vectors'), kind: 'RSS' });
    await shareSource(app, world.hostAdmin, source.id, world.workspace);
    ok(await refreshSource(app, world.people.EDITOR, source.id));
    const [itemId] = await found(before);
    expect(itemId).toBeDefined();

    server.routes.set('/vectors', { body: rss2('Vecteurs', [{ id: 'vector-0', title: `Version corrigée ${after}` }]) });
    ok(await refreshSource(app, world.people.EDITOR, source.id));
    expect(await found(after)).toEqual([itemId]);
    expect(await found(before)).toEqual([]);

    // A statement that writes the vector itself gets the vector of the text back.
    const forged = word();
    await app.dataSource.query(`UPDATE watch_item SET search_vector = to_tsvector('simple', $2) WHERE id = $1`, [itemId, forged]);
    expect(await found(forged)).toEqual([]);
    expect(await found(after)).toEqual([itemId]);
  });

  it('fold the accents of words written with digits, in the rows written before the migration that does as after it', async () => {
    const tag = word();
    server.routes.set('/digits', { body: rss2('Chiffres', [{ id: 'digits-0', title: `Montréal2025 ${tag}` }, { id: 'digits-1', title: `Quebec2030 ${tag}` }]) });
    const source = await createSource(app, world.hostAdmin, world.host, { url: server.url('/digits'), kind: 'RSS' });
    await shareSource(app, world.hostAdmin, source.id, world.workspace);
    ok(await refreshSource(app, world.people.EDITOR, source.id));
    const [montreal] = await found(`${tag} montréal2025`);
    const [quebec] = await found(`${tag} quebec2030`);
    const bothWays = async () => [await found(`${tag} montreal2025`), await found(`${tag} québec2030`)];
    expect(await bothWays()).toEqual([[montreal], [quebec]]);

    // The database as it was before: the configurations left such words unfolded, and the vectors were computed so.
    const runner = app.dataSource.createQueryRunner();
    try {
      await new SearchWordsWithDigits1764920000000().down(runner);
    } finally {
      await runner.release();
    }
    expect(await bothWays()).toEqual([[], []]);
    await app.dataSource.query(`DELETE FROM migrations WHERE name = 'SearchWordsWithDigits1764920000000'`);
    await app.restart();
    expect(await bothWays()).toEqual([[montreal], [quebec]]);
  });

  it('mark the revisions a later one of the same language supersedes, and hold one current revision per language', async () => {
    const article = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id);
    for (const [language, base] of [['fr', null], ['fr', 1], ['en', null], ['fr', 2]] as const) {
      ok(await saveRevision(app, world.people.EDITOR, article, language, base, { title: `Texte ${language} ${base ?? 0}` }));
    }
    const marks = async () =>
      (await app.dataSource.query(`SELECT language, number, superseded FROM article_revision WHERE article_id = $1 ORDER BY language::text, number`, [article])).map(
        (row: { language: string; number: number; superseded: boolean }) => `${row.language}${row.number}:${row.superseded ? 'superseded' : 'current'}`,
      );
    expect(await marks()).toEqual(['en1:current', 'fr1:superseded', 'fr2:superseded', 'fr3:current']);
    // A second current text of a language is refused by the database, whoever writes it.
    await expect(app.dataSource.query(`UPDATE article_revision SET superseded = false WHERE article_id = $1 AND language = 'fr' AND number = 1`, [article])).rejects.toThrow(/unique/i);
    // Written out of order (no path of the application does): a revision below a later one is superseded from the start.
    const insert = (number: number) =>
      app.dataSource.query(
        `INSERT INTO article_revision (article_id, language, number, title, summary, body, author_id, organization_id)
         SELECT article_id, language, $2, 'Hors ordre', '', '', author_id, organization_id FROM article_revision WHERE article_id = $1 AND language = 'en' AND number = 1`,
        [article, number],
      );
    await insert(3);
    await insert(2);
    expect(await marks()).toEqual(['en1:superseded', 'en2:superseded', 'en3:current', 'fr1:superseded', 'fr2:superseded', 'fr3:current']);
  });
});
