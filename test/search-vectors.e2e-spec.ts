import { randomUUID } from 'node:crypto';
import { FeedServer, rss2 } from './support/feeds';
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
});
