import { randomUUID } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { parseDocument } from 'htmlparser2';
import { archive, createArticle } from './support/articles';
import { describeApp, ok } from './support/harness';
import { HOSTILE_TITLE, publishFrenchOnly, publishPublicContent } from './support/public-content';
import { createWorkspace } from './support/world';

const BASE = 'https://tandem.example.ca';

/** The tags of a page's head, with their attributes, and its JSON-LD, parsed as a browser would. */
function headOf(html: string) {
  const elements: { name: string; attribs: Record<string, string>; text: string }[] = [];
  const visit = (node: any) => {
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      elements.push({ name: node.name, attribs: node.attribs, text: node.children.map((child: any) => child.data ?? '').join('') });
    }
    node.children?.forEach(visit);
  };
  visit(parseDocument(html));
  const meta = (property: string) => elements.find((element) => element.name === 'meta' && element.attribs.property === property)?.attribs.content;
  const links = (rel: string) => elements.filter((element) => element.name === 'link' && element.attribs.rel === rel).map((element) => element.attribs);
  const scripts = elements.filter((element) => element.name === 'script');
  return { elements, meta, links, scripts, html: elements.find((element) => element.name === 'html')?.attribs.lang };
}

describeApp('public pages of what a workspace publishes', { world: true, env: { PUBLIC_URL: BASE } }, ({ app, world }) => {
  let jointId: string;
  let frenchOnlyId: string;
  let digestId: string;
  const page = (language: string, kind: string, id: string, slug = world.workspace.slug) => `/${language}/${slug}/${kind}/${id}`;

  beforeAll(async () => {
    ({ jointId, frenchOnlyId, digestId } = await publishPublicContent(app, world));
  });

  it('render an article in each language with lang, hreflang alternates, canonical, byline, date and Open Graph', async () => {
    for (const language of ['fr', 'en']) {
      const response = await app.get(page(language, 'articles', jointId));
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toMatch(/default-src 'none'; style-src 'sha256-[\w+/=]+'/);
      const head = headOf(response.body);
      expect(head.html).toBe(language);
      const self = `${BASE}${page(language, 'articles', jointId)}`;
      expect(head.links('canonical')).toEqual([{ rel: 'canonical', href: self }]);
      expect(head.links('alternate').filter((link) => link.hreflang)).toEqual([
        { rel: 'alternate', hreflang: 'fr', href: `${BASE}${page('fr', 'articles', jointId)}` },
        { rel: 'alternate', hreflang: 'en', href: `${BASE}${page('en', 'articles', jointId)}` },
        { rel: 'alternate', hreflang: 'x-default', href: `${BASE}${page('fr', 'articles', jointId)}` },
      ]);
      expect(head.links('alternate').filter((link) => link.type).map((link) => link.href)).toEqual([
        `${BASE}/feeds/${world.workspace.slug}/articles.atom`,
        `${BASE}/feeds/${world.workspace.slug}/articles.json`,
      ]);
      expect(head.meta('og:type')).toBe('article');
      expect(head.meta('og:url')).toBe(self);
      expect(head.meta('og:title')).toBe(language === 'fr' ? HOSTILE_TITLE : 'Digital government');
      expect(head.meta('og:description')).toBe(language === 'fr' ? 'Un résumé' : 'A summary');
      expect(head.meta('og:locale')).toBe(language === 'fr' ? 'fr_CA' : 'en_CA');
      expect(head.meta('og:site_name')).toBe(language === 'fr' ? 'Veille numérique' : 'Digital watch');
      expect(response.body).toContain(language === 'fr' ? ', en collaboration avec ' : ', in collaboration with ');
      expect(response.body).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">/);
      expect(response.body).toContain(language === 'fr' ? '<h2>Contexte</h2><p>Le texte publié.</p>' : '<h2>Context</h2><p>The published text.</p>');
      // The switch leads to the other language, named in it.
      const other = language === 'fr' ? 'en' : 'fr';
      const switchLink = head.elements.find((element) => element.name === 'a' && element.attribs.hreflang === other);
      expect(switchLink?.attribs).toMatchObject({ href: `${BASE}${page(other, 'articles', jointId)}`, lang: other });
    }
  });

  it('describe the article as schema.org NewsArticle JSON-LD, escaped so no text ends the script', async () => {
    const response = await app.get(page('fr', 'articles', jointId));
    const head = headOf(response.body);
    // The hostile title ends no element: the only scripts are the JSON-LD block.
    expect(head.scripts.map((script) => script.attribs.type)).toEqual(['application/ld+json']);
    expect(response.body).not.toContain('<script>alert(1)');
    const data = JSON.parse(head.scripts[0].text);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: HOSTILE_TITLE,
      inLanguage: 'fr',
      url: `${BASE}${page('fr', 'articles', jointId)}`,
      datePublished: expect.stringMatching(/Z$/),
      publisher: { '@type': 'Organization', name: expect.any(String) },
    });
    expect(data.author).toHaveLength(2);
    for (const author of data.author) expect(author).toMatchObject({ '@type': 'Person', name: expect.any(String), affiliation: { '@type': 'Organization' } });
    expect(data.sourceOrganization).toHaveLength(2);
  });

  it('show a text published in one language on the other page, marked with its language', async () => {
    const response = await app.get(page('en', 'articles', frenchOnlyId));
    expect(response.statusCode).toBe(200);
    expect(headOf(response.body).html).toBe('en');
    expect(response.body).toContain('<p class="notice">This text is published in French only.</p>');
    expect(response.body).toContain('<h1 lang="fr">Seulement en français</h1>');
    expect(JSON.parse(headOf(response.body).scripts[0].text).inLanguage).toBe('fr');
  });

  it('render a digest in each language', async () => {
    for (const language of ['fr', 'en']) {
      const response = await app.get(page(language, 'digests', digestId));
      expect(response.statusCode).toBe(200);
      const head = headOf(response.body);
      expect(head.html).toBe(language);
      expect(head.links('canonical')[0].href).toBe(`${BASE}${page(language, 'digests', digestId)}`);
      expect(response.body).toContain(language === 'fr' ? 'Cette semaine en veille' : 'This week in watch');
      expect(response.body).not.toContain(language === 'fr' ? 'This week in watch' : 'Cette semaine en veille');
      expect(JSON.parse(head.scripts[0].text)).toMatchObject({ '@type': 'NewsArticle', inLanguage: language, headline: expect.stringContaining('2025-11-17') });
    }
  });

  it('answer 304 to a caller holding the page or feed, with public caching', async () => {
    const urls = [
      page('fr', 'articles', jointId),
      page('en', 'digests', digestId),
      `/feeds/${world.workspace.slug}/articles.json`,
      `/feeds/${world.workspace.slug}/digests.json`,
    ];
    for (const url of urls) {
      const first = await app.get(url);
      expect({ url, status: first.statusCode, cacheControl: first.headers['cache-control'] }).toEqual({ url, status: 200, cacheControl: 'public, max-age=300' });
      expect(first.headers['last-modified']).toBeTruthy();
      const conditionals: Record<string, string>[] = [{ 'if-none-match': first.headers.etag as string }, { 'if-modified-since': first.headers['last-modified'] as string }];
      for (const conditional of conditionals) {
        const again = await app.get(url, conditional);
        expect({ url, status: again.statusCode, body: again.body }).toEqual({ url, status: 304, body: '' });
      }
      expect((await app.get(url, { 'if-none-match': '"stale"' })).statusCode).toBe(200);
    }
  });

  it('offer JSON Feed 1.1 beside each Atom feed, the same entries linking to the pages', async () => {
    const atomParser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['entry', 'link'].includes(name) });
    for (const kind of ['articles', 'digests']) {
      const json = await app.get(`/feeds/${world.workspace.slug}/${kind}.json`);
      expect(json.statusCode).toBe(200);
      expect(json.headers['content-type']).toBe('application/feed+json; charset=utf-8');
      const feed = JSON.parse(json.body);
      expect(feed).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', title: expect.any(String), feed_url: `${BASE}/feeds/${world.workspace.slug}/${kind}.json` });
      expect(feed.items.length).toBeGreaterThan(0);
      for (const item of feed.items) {
        // JSON Feed 1.1: a string id, content_html or content_text, RFC 3339 dates, authors as objects.
        expect(item).toMatchObject({ id: expect.any(String), url: expect.stringMatching(new RegExp(`^${BASE}/(fr|en)/${world.workspace.slug}/${kind}/`)), content_html: expect.any(String) });
        expect(new Date(item.date_published).toISOString()).toBe(item.date_published);
        expect(item.authors.every((author: any) => typeof author.name === 'string' && author.name)).toBe(true);
      }
      const atom = atomParser.parse((await app.get(`/feeds/${world.workspace.slug}/${kind}.atom`)).body).feed;
      expect(atom.entry.map((entry: any) => entry.id)).toEqual(feed.items.map((item: any) => item.id));
      expect(atom.entry.map((entry: any) => entry.link[0]['@_href'])).toEqual(feed.items.map((item: any) => item.url));
    }
    const articles = JSON.parse((await app.get(`/feeds/${world.workspace.slug}/articles.json`)).body);
    expect(articles.items.find((item: any) => item.id === `urn:tandem:article:${jointId}:en`)).toMatchObject({
      url: `${BASE}${page('en', 'articles', jointId)}`,
      language: 'en-CA',
      title: 'Digital government',
    });
    // Every page an entry links to is served.
    for (const item of articles.items) expect((await app.get(new URL(item.url).pathname)).statusCode).toBe(200);
  });

  it('answer 404 with the same body for an unknown workspace, one that published nothing, and what is not public', async () => {
    const silent = await createWorkspace(app, world.hostAdmin, world.host);
    const addresses = (slug: string, article: string, digest: string) => [
      page('fr', 'articles', article, slug),
      page('en', 'digests', digest, slug),
      `/feeds/${slug}/articles.atom`,
      `/feeds/${slug}/articles.json`,
      `/feeds/${slug}/digests.atom`,
      `/feeds/${slug}/digests.json`,
    ];
    const unknown = await Promise.all(addresses('no-such-workspace', randomUUID(), randomUUID()).map((url) => app.get(url)));
    const cases = [
      addresses(silent.slug, randomUUID(), randomUUID()),
      // Another workspace's article and digest are not this one's.
      addresses(silent.slug, jointId, digestId),
    ];
    for (const urls of cases) {
      for (const [index, url] of urls.entries()) {
        const response = await app.get(url);
        expect({ url, status: response.statusCode, body: response.body }).toEqual({ url, status: 404, body: unknown[index].body });
        expect(response.body).not.toContain(silent.id);
        expect(response.body).not.toContain('Veille');
      }
    }
    // Addresses that cannot name anything: no such language, not an id.
    for (const [url, like] of [
      [page('de', 'articles', jointId), unknown[0]],
      [page('fr', 'articles', 'not-an-id'), unknown[0]],
      [page('fr', 'digests', 'not-an-id'), unknown[1]],
    ] as const) {
      const response = await app.get(url);
      expect({ url, status: response.statusCode, body: response.body }).toEqual({ url, status: 404, body: like.body });
    }
    // Published but not PUBLIC, PUBLIC but a draft, and archived: no page.
    const internal = await publishFrenchOnly(app, world, 'WORKSPACE');
    const draft = await createArticle(app, world.hostAdmin, world.workspace.id, world.host.id, 'PUBLIC');
    ok(await archive(app, world.hostAdmin, jointId));
    for (const id of [internal, draft, jointId]) {
      const response = await app.get(page('fr', 'articles', id));
      expect({ id, status: response.statusCode, body: response.body }).toEqual({ id, status: 404, body: unknown[0].body });
    }
    const feed = (await app.get(`/feeds/${world.workspace.slug}/articles.json`)).body;
    expect([internal, draft, jointId].filter((id) => feed.includes(id))).toEqual([]);
  });
});
