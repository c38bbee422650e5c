import { FeedEntry, FeedServer, rss2 } from './support/feeds';
import { describeApp, ok, refused } from './support/harness';
import { createSource, refreshSource, shareSource } from './support/sources';

const MAX_PAGE_BYTES = 150_000;
const PAGES_PER_FETCH = 5;

const SET_FULL_TEXT = `mutation($input: SetWatchSourceFullTextInput!) { setWatchSourceFullText(input: $input) { id fullText lastFetchFullTextFailures } }`;
const ITEMS = `query($workspaceId: ID!, $sourceId: ID!) {
  watchItems(workspaceId: $workspaceId, filter: { sourceId: $sourceId }, first: 100) { edges { node { guid summary content } } } }`;

const PARAGRAPH =
  'Le gouvernement du Québec présente sa stratégie numérique, qui vise à rendre les services publics plus simples, plus accessibles et plus sûrs pour toute la population, en français comme en anglais.';

/** An article page as sites serve them: navigation, scripts, styles and handlers around the text. */
function articlePage(title: string, paragraphs: number, extra = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
<style>body { color: red } .article { display: block }</style>
<script>window.tracker = function () { document.cookie = 'x=1'; };</script></head>
<body><nav><a href="/">Accueil</a> | <a href="/contact">Contact</a></nav>
<article><h1>${title}</h1>
<p onclick="alert(1)">Voir <a href="/dossiers/numerique">le dossier</a> et <img src="images/carte.png" alt="Carte"></p>
${Array.from({ length: paragraphs }, (_, index) => `<p>${PARAGRAPH} (${index + 1})</p>`).join('\n')}
<script>alert('dans l’article')</script><iframe src="https://ads.example.com/"></iframe>${extra}
</article><footer>© Exemple</footer></body></html>`;
}

// Pages come from an allowed local server; the "private" server is not allowed, as any internal address.
let site: FeedServer;
let privateSite: FeedServer;
beforeAll(async () => {
  site = await FeedServer.start();
  privateSite = await FeedServer.start();
});
afterAll(async () => {
  await site.stop();
  await privateSite.stop();
});

const settings = () => ({ FETCH_ALLOW_HOSTS: site.host, FULL_TEXT_MAX_BYTES: String(MAX_PAGE_BYTES), FULL_TEXT_PER_FETCH: String(PAGES_PER_FETCH) });

describeApp('full text of summary-only feeds', { world: true, env: settings }, ({ app, world }) => {
  let path = 0;
  const html = (body: string) => ({ contentType: 'text/html; charset=utf-8', body });

  /** A source of the host organization serving `feed` (pages on `site` under `/<n>/…`), shared into the workspace. */
  async function sharedFeed(feed: (prefix: string) => FeedEntry[], fullText = true) {
    const prefix = `/ft-${path++}`;
    const entries = feed(prefix);
    site.routes.set(`${prefix}/feed`, { body: rss2('Blogue', entries) });
    const source = await createSource(app, world.hostAdmin, world.host, { url: site.url(`${prefix}/feed`), kind: 'RSS' });
    await shareSource(app, world.hostAdmin, source.id, world.workspace);
    if (fullText) expect(ok(await app.graphql(SET_FULL_TEXT, { input: { sourceId: source.id, fullText: true } }, { token: world.people.OBSERVER.token })).setWatchSourceFullText.fullText).toBe(true);
    return { source, prefix, entries };
  }

  const fetch = async (sourceId: string) => {
    const fetched = ok(await refreshSource(app, world.hostAdmin, sourceId)).refreshWatchSource;
    expect(fetched.lastFetchOutcome).toBe('FETCHED');
    return ok(await app.graphql(`query($id: ID!) { watchSource(id: $id) { lastFetchFullTextFailures } }`, { id: sourceId }, { token: world.hostAdmin.token })).watchSource;
  };

  async function items(sourceId: string): Promise<Record<string, { summary: string | null; content: string | null }>> {
    const data = ok(await app.graphql(ITEMS, { workspaceId: world.workspace.id, sourceId }, { token: world.people.PARTNER_MEMBER.token }));
    return Object.fromEntries(data.watchItems.edges.map((edge: any) => [edge.node.guid, edge.node]));
  }

  const summaryOnly = (id: string, link: string): FeedEntry => ({ id, title: id, link, summary: `<p>Résumé de ${id}</p>` });

  it("stores each new summary-only item's article, sanitized, with its links made absolute; the summary stays", async () => {
    const { source, prefix } = await sharedFeed((at) => [summaryOnly('article', site.url(`${at}/articles/strategie`))]);
    site.routes.set(`${prefix}/articles/strategie`, html(articlePage('Stratégie numérique', 6)));
    const fetched = await fetch(source.id);
    expect(fetched.lastFetchFullTextFailures).toBe(0);
    const { article } = await items(source.id);
    expect(article.summary).toBe('<p>Résumé de article</p>');
    expect(article.content).toContain(PARAGRAPH);
    expect(article.content).toContain(`href="${site.url('/dossiers/numerique')}"`);
    expect(article.content).toContain(`src="${site.url(`${prefix}/articles/images/carte.png`)}"`);
    // Scripts, styles, handlers and frames are gone, and so is the page around the article.
    for (const unwanted of ['<script', 'alert', 'tracker', '<style', 'color: red', 'onclick', '<iframe', 'Accueil', '© Exemple']) expect(article.content).not.toContain(unwanted);
  });

  it('keeps the summary and counts the page when it cannot be had: a private address, an oversized page, an error, not HTML', async () => {
    const { source, prefix } = await sharedFeed((at) => [
      summaryOnly('private', privateSite.url('/internal/article')),
      summaryOnly('oversized', site.url(`${at}/huge`)),
      summaryOnly('missing', site.url(`${at}/missing`)),
      summaryOnly('json', site.url(`${at}/data`)),
      summaryOnly('fine', site.url(`${at}/fine`)),
    ]);
    privateSite.routes.set('/internal/article', html(articlePage('Interne', 6)));
    site.routes.set(`${prefix}/huge`, html(articlePage('Énorme', 6, `<p>${'x'.repeat(MAX_PAGE_BYTES)}</p>`)));
    site.routes.set(`${prefix}/data`, { contentType: 'application/json', body: JSON.stringify({ article: PARAGRAPH }) });
    site.routes.set(`${prefix}/fine`, html(articlePage('Correct', 6)));
    const fetched = await fetch(source.id);
    expect(fetched.lastFetchFullTextFailures).toBe(4);
    // The private address was refused before any connection.
    expect(privateSite.hitsOf('/internal/article')).toBe(0);
    const found = await items(source.id);
    for (const guid of ['private', 'oversized', 'missing', 'json']) expect(found[guid]).toEqual({ guid, summary: `<p>Résumé de ${guid}</p>`, content: null });
    expect(found.fine.content).toContain(PARAGRAPH);
  });

  it('reads a large page (under the cap) off the main thread all the same', async () => {
    const { source, prefix } = await sharedFeed((at) => [summaryOnly('large', site.url(`${at}/large`))]);
    // About 100 KB: over the size from which extraction runs in a worker thread.
    site.routes.set(`${prefix}/large`, html(articlePage('Long dossier', 450)));
    expect((await fetch(source.id)).lastFetchFullTextFailures).toBe(0);
    const { large } = await items(source.id);
    expect(large.content).toContain(`${PARAGRAPH} (450)`);
    expect(large.content).not.toContain('<script');
  });

  it('fetches pages of new items only, at most FULL_TEXT_PER_FETCH per fetch, and never those of items with content', async () => {
    const feed = (at: string) => [
      ...Array.from({ length: PAGES_PER_FETCH + 2 }, (_, index) => summaryOnly(`n${index}`, site.url(`${at}/p/${index}`))),
      { id: 'with-content', title: 'Complet', link: site.url(`${at}/p/with-content`), summary: '<p>Résumé</p>', content: '<p>Texte complet du fil</p>' },
    ];
    const { source, prefix, entries } = await sharedFeed(feed);
    for (let index = 0; index < PAGES_PER_FETCH + 2; index++) site.routes.set(`${prefix}/p/${index}`, html(articlePage(`Page ${index}`, 4)));
    site.routes.set(`${prefix}/p/with-content`, html(articlePage('Ignorée', 4)));
    await fetch(source.id);
    const pageHits = () => Array.from({ length: PAGES_PER_FETCH + 2 }, (_, index) => site.hitsOf(`${prefix}/p/${index}`));
    expect(pageHits().reduce((sum, hits) => sum + hits, 0)).toBe(PAGES_PER_FETCH);
    expect(site.hitsOf(`${prefix}/p/with-content`)).toBe(0);
    const found = await items(source.id);
    expect(Object.values(found).filter((item) => item.content?.includes(PARAGRAPH))).toHaveLength(PAGES_PER_FETCH);
    expect(found['with-content'].content).toBe('<p>Texte complet du fil</p>');

    // The feed changes (one more entry): only the new item's page is fetched; stored articles stay.
    const before = pageHits();
    site.routes.set(`${prefix}/p/fresh`, html(articlePage('Nouvelle', 4)));
    site.routes.set(`${prefix}/feed`, { body: rss2('Blogue', [summaryOnly('fresh', site.url(`${prefix}/p/fresh`)), ...entries]) });
    await fetch(source.id);
    expect(pageHits()).toEqual(before);
    expect(site.hitsOf(`${prefix}/p/fresh`)).toBe(1);
    const again = await items(source.id);
    expect(again.fresh.content).toContain(PARAGRAPH);
    expect(Object.values(again).filter((item) => item.content?.includes(PARAGRAPH))).toHaveLength(PAGES_PER_FETCH + 1);
  });

  it('keeps the stored article when the publisher edits the summary of an entry', async () => {
    const { source, prefix } = await sharedFeed((at) => [summaryOnly('edited', site.url(`${at}/articles/edited`))]);
    site.routes.set(`${prefix}/articles/edited`, html(articlePage('Modifiée', 6)));
    await fetch(source.id);
    expect((await items(source.id)).edited.content).toContain(PARAGRAPH);
    site.routes.set(`${prefix}/feed`, { body: rss2('Blogue', [{ ...summaryOnly('edited', site.url(`${prefix}/articles/edited`)), summary: '<p>Résumé corrigé</p>' }]) });
    await fetch(source.id);
    const { edited } = await items(source.id);
    expect(edited.summary).toBe('<p>Résumé corrigé</p>');
    expect(edited.content).toContain(PARAGRAPH);
    // The page was read once: for the new item, not for the edit.
    expect(site.hitsOf(`${prefix}/articles/edited`)).toBe(1);
  });

  it('fetches no page for a source with full text off (the default)', async () => {
    const { source, prefix } = await sharedFeed((at) => [summaryOnly('off', site.url(`${at}/off`))], false);
    site.routes.set(`${prefix}/off`, html(articlePage('Non lue', 4)));
    await fetch(source.id);
    expect(site.hitsOf(`${prefix}/off`)).toBe(0);
    expect((await items(source.id)).off.content).toBeNull();
  });

  it("is set by the members of the source's organization: a partner is FORBIDDEN, an outsider NOT_FOUND", async () => {
    const { source } = await sharedFeed(() => [], false);
    const input = { sourceId: source.id, fullText: true };
    refused(await app.graphql(SET_FULL_TEXT, { input }, { token: world.people.PARTNER_MEMBER.token }), 'FORBIDDEN');
    refused(await app.graphql(SET_FULL_TEXT, { input }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
    refused(await app.graphql(SET_FULL_TEXT, { input }), 'UNAUTHENTICATED');
    const off = ok(await app.graphql(SET_FULL_TEXT, { input: { ...input, fullText: false } }, { token: world.hostAdmin.token })).setWatchSourceFullText;
    expect(off).toEqual({ id: source.id, fullText: false, lastFetchFullTextFailures: 0 });
  });
});
