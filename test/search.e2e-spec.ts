import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { addAuthor, addComment, createArticle, currentRevisionId, publish, review, saveRevision, submit } from './support/articles';
import { addSession, createEvent, planCoverage, updateCoverage } from './support/coverage';
import { createOrganization, registerUser, TestUser } from './support/factories';
import { eventually } from './support/eventually';
import { describeApp, ok, onServer, refused, TestApp } from './support/harness';
import { countQueries } from './support/queries';
import { createSource, curate, shareSource, uniqueUrl } from './support/sources';
import { addPartner, createWorkspace, newWorkspaceMember, TestWorkspace } from './support/world';

const SEARCH = `query($query: String!, $filter: SearchFilter, $first: Int, $after: String, $last: Int, $before: String, $autocomplete: Boolean) {
  search(query: $query, filter: $filter, first: $first, after: $after, last: $last, before: $before, autocomplete: $autocomplete) {
    totalCount suggestion
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { kind id workspaceId language title rank highlight publishedAt } }
  }
}`;

interface Hit {
  kind: string;
  id: string;
  workspaceId: string | null;
  language: string;
  title: string;
  rank: number;
  highlight: string;
  publishedAt: string | null;
}

interface Page {
  totalCount: number;
  suggestion: string | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  hits: Hit[];
}

async function search(app: TestApp, user: { token?: string }, query: string, variables: Record<string, unknown> = {}): Promise<Page> {
  const data = ok(await app.graphql(SEARCH, { query, ...variables }, { token: user.token })).search;
  return { ...data, hits: data.edges.map((edge: { node: Hit }) => edge.node) };
}

/** Every hit of `query` in order, read three at a time: forward from the first page, or backward from the last. */
async function everyPage(app: TestApp, user: { token?: string }, query: string, direction: 'forward' | 'backward'): Promise<Hit[]> {
  const hits: Hit[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await search(app, user, query, direction === 'forward' ? { first: 3, after: cursor } : { last: 3, before: cursor });
    if (direction === 'forward') hits.push(...page.hits);
    else hits.unshift(...page.hits);
    if (!(direction === 'forward' ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage)) return hits;
    cursor = direction === 'forward' ? page.pageInfo.endCursor : page.pageInfo.startCursor;
  }
}

const ids = async (app: TestApp, user: { token?: string }, query: string, variables: Record<string, unknown> = {}) =>
  (await search(app, user, query, variables)).hits.map((hit) => hit.id);

/** A word no other test uses, so that each test sees only its own documents. */
const word = () => `mot${randomUUID().replace(/[^a-f]/g, '').slice(0, 10)}`;

/** A watch item of `sourceId` as a fetch would have stored it (the fetcher has its own tests), in `db`'s transaction when given. */
async function insertItem(
  app: TestApp,
  sourceId: string,
  item: { title: string; content?: string; language?: 'fr' | 'en' | null; publishedAt?: Date },
  db: Pick<EntityManager, 'query'> = app.dataSource.manager,
) {
  const id = randomUUID();
  await db.query(
    `INSERT INTO watch_item (id, source_id, guid, url, title, content, language, published_at, fetched_at, updated_at, content_hash)
     VALUES ($1::uuid, $2, $1::text, 'https://example.ca/' || $1::text, $3, $4, $5, $6, now(), now(), 'x')`,
    [id, sourceId, item.title, item.content ?? null, item.language ?? null, item.publishedAt ?? new Date()],
  );
  return id;
}

describeApp('search', { world: true }, ({ app, world }) => {
  let sourceId: string;

  beforeAll(async () => {
    const source = await createSource(app, world.people.EDITOR, world.host, { url: uniqueUrl(), kind: 'WEBSITE' });
    await shareSource(app, world.people.EDITOR, source.id, world.workspace);
    sourceId = source.id;
  });

  const item = (title: string, content?: string, language: 'fr' | 'en' | null = 'fr', publishedAt?: Date) =>
    insertItem(app, sourceId, { title, content, language, publishedAt });

  describe('the query', () => {
    it('folds accents both ways: "quebec" finds "Québec", "Québec" finds "quebec"', async () => {
      const tag = word();
      const accented = await item(`Le Québec numérique ${tag}`);
      const plain = await item(`Quebec city open data ${tag}`, undefined, 'en');
      expect(await ids(app, world.people.OBSERVER, `quebec ${tag}`)).toEqual(expect.arrayContaining([accented, plain]));
      expect(await ids(app, world.people.OBSERVER, `QUÉBEC ${tag}`)).toEqual(expect.arrayContaining([accented, plain]));
      expect(await ids(app, world.people.OBSERVER, `numerique ${tag}`)).toEqual([accented]);
    });

    it('stems French text with French rules and English text with English rules', async () => {
      const tag = word();
      const french = await item(`Le gouvernement présente sa publication ${tag}`, undefined, 'fr');
      const english = await item(`A new publication for government ${tag}`, undefined, 'en');
      expect(await ids(app, world.people.OBSERVER, `gouvernements ${tag}`)).toEqual([french]);
      expect(await ids(app, world.people.OBSERVER, `governments ${tag}`)).toEqual([english]);
      expect((await ids(app, world.people.OBSERVER, `publications ${tag}`)).sort()).toEqual([french, english].sort());
      // "présentés" stems to the French "présent"; English rules would not find "présente" from it.
      expect(await ids(app, world.people.OBSERVER, `présentés ${tag}`)).toEqual([french]);
    });

    it('stems both halves of a bilingual text by their own language, and says which matched', async () => {
      const tag = word();
      const event = await createEvent(app, world.people.COORDINATOR, world.workspace.id, {
        title: { fr: `Les données ouvertes des gouvernements ${tag}`, en: `Open government publications ${tag}` },
      });
      const fr = (await search(app, world.people.OBSERVER, `gouvernement ${tag}`)).hits;
      expect(fr).toEqual([expect.objectContaining({ kind: 'EVENT', id: event, language: 'fr', workspaceId: world.workspace.id })]);
      const en = (await search(app, world.people.OBSERVER, `publication ${tag}`)).hits;
      expect(en).toEqual([expect.objectContaining({ kind: 'EVENT', id: event, language: 'en', title: `Open government publications ${tag}` })]);
    });

    it('understands "quoted phrases", -exclusions and or', async () => {
      const tag = word();
      const phrase = await item(`Les données ouvertes du Québec ${tag}`);
      const apart = await item(`Ouvertes au public, les données ${tag}`);
      const other = await item(`Rapport annuel ${tag}`);
      expect(await ids(app, world.people.OBSERVER, `"données ouvertes" ${tag}`)).toEqual([phrase]);
      expect(await ids(app, world.people.OBSERVER, `données -québec ${tag}`)).toEqual([apart]);
      expect((await ids(app, world.people.OBSERVER, `québec ${tag} or rapport ${tag}`)).sort()).toEqual([phrase, other].sort());
    });

    it('matches prefixes while typing with autocomplete, only then, and never reads tsquery syntax from the input', async () => {
      const tag = word();
      const typed = await item(`L'accessibilité numérique ${tag}`);
      expect(await ids(app, world.people.OBSERVER, `${tag} accessib`, { autocomplete: true })).toEqual([typed]);
      expect(await ids(app, world.people.OBSERVER, `${tag} accessib`)).toEqual([]);
      expect(await ids(app, world.people.OBSERVER, `${tag} & !(accessib:*`, { autocomplete: true })).toEqual([typed]);
      expect((await search(app, world.people.OBSERVER, `:* & |`, { autocomplete: true })).totalCount).toBe(0);
    });

    it('finds a word while typing at every prefix on the way to it, though its stem does not begin with what is typed', async () => {
      const tag = word();
      const french = await item(`Publication ${tag}`);
      const english = await item(`Governments ${tag}`, undefined, 'en');
      // Thirty shorter words of the lexicon that "public" begins, and their stems too: they need no completion, and crowd out none.
      await item(Array.from({ length: 30 }, (_, index) => `publicz${String.fromCharCode(97 + (index % 26))}${String.fromCharCode(97 + Math.floor(index / 26))}`).join(' '));
      // "publication" is stemmed 'publiqu', which "public" and "publicat" do not begin; "governments" 'govern', which "governm" does not.
      for (const typed of ['publi', 'public', 'publica', 'publicat', 'publicatio', 'publication']) {
        expect([typed, await ids(app, world.people.OBSERVER, `${tag} ${typed}`, { autocomplete: true })]).toEqual([typed, [french]]);
      }
      for (const typed of ['gover', 'governm', 'governments']) {
        expect([typed, await ids(app, world.people.OBSERVER, `${tag} ${typed}`, { autocomplete: true })]).toEqual([typed, [english]]);
      }
    });

    it('does not drop a prefix that folds to a stopword: "qué" is on the way to "Québec", "dé" to "Développement"', async () => {
      const tag = word();
      const [quebec, developpement, montreal] = [await item(`Québec ${tag}`), await item(`Développement ${tag}`), await item(`Montréal ${tag}`)];
      expect(await ids(app, world.people.OBSERVER, `${tag} qué`, { autocomplete: true })).toEqual([quebec]);
      expect(await ids(app, world.people.OBSERVER, `${tag} que`, { autocomplete: true })).toEqual([quebec]);
      expect(await ids(app, world.people.OBSERVER, `${tag} dé`, { autocomplete: true })).toEqual([developpement]);
      expect(await ids(app, world.people.OBSERVER, `${tag} mont`, { autocomplete: true })).toEqual([montreal]);
    });

    it('highlights the matched words in <mark> and lets no markup of the content through', async () => {
      const tag = word();
      await item(`Alerte <script>alert(1)</script> ${tag}`, `<img src=x onerror="alert(2)"><b>Québec</b> &amp; "guillemets" <mark>faux</mark> \uE000piège\uE001 ${tag}`);
      const [hit] = (await search(app, world.people.OBSERVER, `quebec ${tag}`)).hits;
      expect(hit.highlight).toContain('<mark>Québec</mark>');
      // Nothing but text and <mark>: strip our marks and no angle bracket is left.
      expect(hit.highlight.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      expect(hit.highlight).not.toContain('<mark>faux</mark>');
      expect(hit.highlight).not.toContain('<mark>piège</mark>');
      expect(hit.highlight).toContain('&quot;guillemets&quot;');
    });

    it('shows the text of stored HTML in highlights, its character references escaped once, and no mark they spell', async () => {
      const tag = word();
      await item(`Note ${tag}`, `<p>Recherche &amp; d&#233;veloppement, 3 &lt; 4 &#x26;&#x3C;b&#x3E; &#xE000;faux&#xE001; &#0; &bogus; ${tag}</p>`);
      const [hit] = (await search(app, world.people.OBSERVER, tag)).hits;
      // The text is "Recherche & développement, 3 < 4 &<b>": escaped once, that is "&amp;" and "&lt;".
      expect(hit.highlight).toContain('Recherche &amp; développement, 3 &lt; 4 &amp;');
      expect(hit.highlight).not.toContain('<mark>faux</mark>');
      expect(hit.highlight).toContain('&amp;#0; &amp;bogus;');
      expect(hit.highlight.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    });

    it('suggests, when nothing matches, the closest words (trigrams) that find something the caller may see', async () => {
      await item('Le territoire Wolastoqiyik et ses archives');
      const internal = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id, 'ORGANIZATION');
      ok(await saveRevision(app, world.people.EDITOR, internal, 'fr', null, { title: 'Projet Kaléidoscopique confidentiel' }));
      const missed = await search(app, world.people.OBSERVER, 'wolastoqiyk archives');
      expect(missed.totalCount).toBe(0);
      expect(missed.suggestion).toBe('wolastoqiyik archives');
      expect((await search(app, world.people.OBSERVER, 'wolastoqiyik')).suggestion).toBeNull();
      // Asked for the count alone (first: 0), a search that matches suggests nothing either, though a close word finds something.
      const tag = word();
      await item(`Alpha ${tag}`);
      await item(`Bêta ${tag}zz`);
      const countOnly = async (query: string) => ok(await app.graphql(`query($query: String!) { search(query: $query, first: 0) { totalCount suggestion } }`, { query }, { token: world.people.OBSERVER.token })).search;
      expect(await countOnly(tag)).toEqual({ totalCount: 1, suggestion: null });
      expect(await countOnly('wolastoqiyk archives')).toEqual({ totalCount: 0, suggestion: 'wolastoqiyik archives' });
      expect((await search(app, world.people.OBSERVER, 'kaléidoscopiqe')).suggestion).toBe('kaléidoscopique');
      // The word is only in an internal article: suggesting it would tell the partner it exists.
      expect((await search(app, world.people.PARTNER_MEMBER, 'kaléidoscopiqe')).suggestion).toBeNull();
      expect((await search(app, world.people.OUTSIDER, 'wolastoqiyk')).suggestion).toBeNull();
    });

    it('never suggests a word only in what the caller may not see, even when its stem is in what they may', async () => {
      // The French stemmer reads "<base>ements" as "<base>": the internal article's word matches the item's.
      const base = `zorbal${word().slice(3)}`;
      await item(`Le dossier ${base}`);
      const internal = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id, 'ORGANIZATION');
      ok(await saveRevision(app, world.people.EDITOR, internal, 'fr', null, { title: `Projet ${base}ements confidentiel` }));
      expect((await search(app, world.people.OBSERVER, `${base}emennts`)).suggestion).toBe(`${base}ements`);
      const partner = await search(app, world.people.PARTNER_MEMBER, `${base}emennts`);
      expect(partner.hits).toEqual([]);
      expect(partner.suggestion).not.toBe(`${base}ements`);
    });

    it('refuses an empty query and forged cursors', async () => {
      refused(await app.graphql(SEARCH, { query: '' }, { token: world.people.OBSERVER.token }), 'BAD_USER_INPUT');
      refused(await app.graphql(SEARCH, { query: 'x', after: 'bm9wZQ' }, { token: world.people.OBSERVER.token }), 'BAD_USER_INPUT');
      // Each part of a cursor is checked before it reaches PostgreSQL as a real, a kind, a uuid and a language.
      const forged = (...parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
      const id = randomUUID();
      for (const after of [forged('e', 'WATCH_ITEM', id, 'fr'), forged('0.1', 'USER', id, 'fr'), forged('0.1', 'WATCH_ITEM', 'not-a-uuid', 'fr'), forged('0.1', 'WATCH_ITEM', id, 'de'), forged('0.1', 'WATCH_ITEM', id)]) {
        refused(await app.graphql(SEARCH, { query: 'x', after }, { token: world.people.OBSERVER.token }), 'BAD_USER_INPUT');
      }
      // A rank must also be a real, a float4: checked with a query that finds something, so that the page's statement runs.
      const tag = word();
      await item(`Curseur ${tag}`);
      // '1e-400' is 0 to JavaScript, out of range to PostgreSQL: zero is a rank only when written as zero.
      for (const rank of ['1e39', '-1e39', '1e-50', '1e-400']) {
        const response = await app.graphql(SEARCH, { query: tag, after: forged(rank, 'WATCH_ITEM', id, 'fr') }, { token: world.people.OBSERVER.token });
        expect(refused(response, 'BAD_USER_INPUT').extensions.fields.map((field: { field: string }) => field.field)).toEqual(['after']);
      }
      expect((await search(app, world.people.OBSERVER, tag, { after: forged('1e30', 'WATCH_ITEM', id, 'fr') })).hits).toHaveLength(1);
      expect((await search(app, world.people.OBSERVER, tag, { after: forged('0.0', 'WATCH_ITEM', id, 'fr') })).hits).toEqual([]);
      refused(await app.graphql(SEARCH, { query: 'x', first: 2, last: 2 }, { token: world.people.OBSERVER.token }), 'BAD_USER_INPUT');
      refused(await app.graphql(SEARCH, { query: 'x' }), 'UNAUTHENTICATED');
    });

    it('refuse words that require nothing of a hit, which would find nearly everything: exclusions alone, or an alternative with one', async () => {
      const tag = word();
      await item(`Budget ${tag}`);
      // "le" and "the" are stopwords of one language: there, "le -x" is "-x".
      for (const query of [`-${tag}`, `-"budget ${tag}"`, `${tag} or -budget`, `le -${tag}`, `the -${tag}`]) {
        const response = await app.graphql(SEARCH, { query }, { token: world.people.OBSERVER.token });
        expect(refused(response, 'BAD_USER_INPUT').extensions.fields).toEqual([{ field: 'query', message: 'must name a word to find, not only words to leave out' }]);
      }
      // Limited to English, "le -x" requires "le" of what it reads: it is a search, as in French "the -x" is.
      expect((await search(app, world.people.OBSERVER, `le -${tag}`, { filter: { language: 'en' } })).hits).toEqual([]);
      expect((await search(app, world.people.OBSERVER, `the -${tag}`, { filter: { language: 'fr' } })).hits).toEqual([]);
      // An exclusion beside a word narrows the search, as it should.
      expect((await search(app, world.people.OBSERVER, `${tag} -subvention`)).hits).toHaveLength(1);
      expect((await search(app, world.people.OBSERVER, `${tag} -budget`)).hits).toEqual([]);
    });
  });

  describe('pages', () => {
    it('are keyset pages over (rank, id): every hit once, in rank order, both ways, whatever the page size', async () => {
      const tag = word();
      // Ranks differ by how often the word occurs, and some are equal: the id breaks ties.
      for (let index = 0; index < 7; index++) await item(`${`${tag} `.repeat(1 + (index % 3))}entrée ${index}`);
      const all = (await search(app, world.people.OBSERVER, tag, { first: 20 })).hits;
      expect(all).toHaveLength(7);
      expect(all.map((hit) => hit.rank)).toEqual([...all.map((hit) => hit.rank)].sort((a, b) => b - a));

      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await search(app, world.people.OBSERVER, tag, { first: 3, after });
        seen.push(...page.hits.map((hit) => hit.id));
        expect(page.totalCount).toBe(7);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(all.map((hit) => hit.id));

      const last = await search(app, world.people.OBSERVER, tag, { last: 3 });
      expect(last.hits.map((hit) => hit.id)).toEqual(all.slice(4).map((hit) => hit.id));
      expect(last.pageInfo.hasPreviousPage).toBe(true);
      const before = await search(app, world.people.OBSERVER, tag, { last: 3, before: last.pageInfo.startCursor });
      expect(before.hits.map((hit) => hit.id)).toEqual(all.slice(1, 4).map((hit) => hit.id));
    });

    it('page across kinds as one list: each kind cut at the page size, then merged in rank order', async () => {
      const tag = word();
      // The best hits of each kind interleave with the others', and there are more items than a page holds.
      for (let index = 0; index < 8; index++) await item(`${`${tag} `.repeat(1 + (index % 4))}veille ${index}`);
      for (let index = 0; index < 3; index++) {
        await createEvent(app, world.people.COORDINATOR, world.workspace.id, { title: { fr: `${`${tag} `.repeat(1 + index)}forum`, en: `${tag} forum` } });
        const article = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id);
        ok(await saveRevision(app, world.people.EDITOR, article, 'fr', null, { title: `${`${tag} `.repeat(1 + index)}article` }));
      }
      const all = (await search(app, world.people.OBSERVER, tag, { first: 20 })).hits;
      expect(all).toHaveLength(14);
      const kindChanges = all.filter((hit, index) => index > 0 && hit.kind !== all[index - 1].kind).length;
      expect(kindChanges).toBeGreaterThanOrEqual(4);
      const keys = (hits: Hit[]) => hits.map((hit) => `${hit.kind}:${hit.id}`);
      expect(keys(await everyPage(app, world.people.OBSERVER, tag, 'forward'))).toEqual(keys(all));
      expect(keys(await everyPage(app, world.people.OBSERVER, tag, 'backward'))).toEqual(keys(all));
    });

    it('cost the same number of SQL statements for 2 hits as for 20', async () => {
      const tag = word();
      for (let index = 0; index < 20; index++) await item(`${tag} ${index}`);
      const statements = (first: number) => countQueries(app, () => search(app, world.people.OBSERVER, tag, { first }));
      const small = await statements(2);
      expect(await statements(20)).toBe(small);
    });
  });

  describe('filters', () => {
    it('by kind, workspace, language and date range', async () => {
      const tag = word();
      const old = await item(`Ancien ${tag}`, undefined, 'fr', new Date('2025-03-01T00:00:00Z'));
      const recent = await item(`Recent ${tag}`, undefined, 'en', new Date('2026-03-01T00:00:00Z'));
      const event = await createEvent(app, world.people.COORDINATOR, world.workspace.id, {
        title: { fr: `Colloque ${tag}`, en: `Symposium ${tag}` },
        startsAt: '2026-05-01T09:00',
        endsAt: '2026-05-01T17:00',
      });
      const find = (filter: Record<string, unknown>) => ids(app, world.people.OBSERVER, tag, { filter });
      expect((await find({})).sort()).toEqual([old, recent, event].sort());
      expect(await find({ types: ['EVENT'] })).toEqual([event]);
      expect((await find({ types: ['WATCH_ITEM'] })).sort()).toEqual([old, recent].sort());
      expect(await find({ language: 'en', types: ['WATCH_ITEM'] })).toEqual([recent]);
      expect((await find({ since: '2026-01-01T00:00:00Z' })).sort()).toEqual([recent, event].sort());
      expect(await find({ until: '2026-01-01T00:00:00Z' })).toEqual([old]);
      expect((await find({ workspaceId: world.workspace.id })).sort()).toEqual([old, recent, event].sort());
      const elsewhere = await createWorkspace(app, world.hostAdmin, world.host);
      expect(await find({ workspaceId: elsewhere.id })).toEqual([]);
      expect(await find({ eventStatus: 'CANCELLED' })).toEqual([]);
      expect(await find({ eventStatus: 'TENTATIVE' })).toEqual([event]);
    });

    it('by language, finding a bilingual document by its half in that language even when the other half matches too', async () => {
      const tag = word();
      const event = await createEvent(app, world.people.COORDINATOR, world.workspace.id, { title: { fr: `Forum ${tag}`, en: `Forum ${tag} (EN)` } });
      const organization = (await createOrganization(app, world.hostAdmin, { name: { fr: `Réseau ${tag}`, en: `Network ${tag}` } })).id;
      const featured = await item(`Article de la semaine ${word()}`, undefined, 'fr', new Date('2024-02-06T00:00:00Z'));
      ok(await curate(app, world.people.EDITOR, world.workspace, featured, { status: 'FEATURED' }));
      const digest = ok(
        await app.graphql(`mutation($input: CreateDigestInput!) { createDigest(input: $input) { id } }`, {
          input: { workspaceId: world.workspace.id, periodStart: '2024-02-05T00:00:00Z', periodEnd: '2024-02-12T00:00:00Z', introduction: { fr: `Bilan ${tag}`, en: `Review ${tag}` } },
        }, { token: world.people.EDITOR.token }),
      ).createDigest.id;
      const found = async (language?: string) => {
        const page = await search(app, world.people.OBSERVER, tag, language ? { filter: { language } } : {});
        return { totalCount: page.totalCount, hits: page.hits.map((hit) => ({ id: hit.id, language: hit.language, title: hit.title })).sort(byId) };
      };
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      const french = [{ id: event, language: 'fr', title: `Forum ${tag}` }, { id: organization, language: 'fr', title: `Réseau ${tag}` }, { id: digest, language: 'fr', title: `Bilan ${tag}` }].sort(byId);
      const english = [{ id: event, language: 'en', title: `Forum ${tag} (EN)` }, { id: organization, language: 'en', title: `Network ${tag}` }, { id: digest, language: 'en', title: `Review ${tag}` }].sort(byId);
      // Unfiltered, a document is found once, by its French half.
      expect(await found()).toEqual({ totalCount: 3, hits: french });
      expect(await found('fr')).toEqual({ totalCount: 3, hits: french });
      expect(await found('en')).toEqual({ totalCount: 3, hits: english });
    });

    it('by source, tag or topic, and curation status, which limit the search to watch items', async () => {
      const tag = word();
      const topical = await createSource(app, world.people.EDITOR, world.host, { url: uniqueUrl(), kind: 'WEBSITE', topics: ['accessibilite'] });
      await shareSource(app, world.people.EDITOR, topical.id, world.workspace);
      const onTopic = await insertItem(app, topical.id, { title: `Normes ${tag}` });
      const curated = await item(`Normes curated ${tag}`);
      const plain = await item(`Normes plain ${tag}`);
      ok(await curate(app, world.people.EDITOR, world.workspace, curated, { status: 'SHORTLISTED', tags: ['wcag'] }));
      await createEvent(app, world.people.COORDINATOR, world.workspace.id, { title: { fr: `Normes ${tag}`, en: `Standards ${tag}` } });
      const find = (filter: Record<string, unknown>) => ids(app, world.people.OBSERVER, tag, { filter });
      expect(await find({ sourceId: topical.id })).toEqual([onTopic]);
      expect(await find({ tag: 'accessibilite' })).toEqual([onTopic]);
      expect(await find({ tag: 'wcag' })).toEqual([curated]);
      expect(await find({ curationStatus: 'SHORTLISTED' })).toEqual([curated]);
      expect((await find({ curationStatus: 'NEW' })).sort()).toEqual([onTopic, plain].sort());
      expect(await find({ curationStatus: 'NEW', types: ['EVENT'] })).toEqual([]);
    });
  });

  describe('visibility, decided in SQL', () => {
    it('finds organizations for everyone signed in, and nothing of a workspace for those outside it (counted nowhere)', async () => {
      const tag = word();
      await item(`Veille ${tag}`);
      await createEvent(app, world.people.COORDINATOR, world.workspace.id, { title: { fr: `Forum ${tag}`, en: `Forum ${tag}` } });
      const article = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id);
      ok(await saveRevision(app, world.people.EDITOR, article, 'fr', null, { title: `Brouillon ${tag}` }));
      expect((await search(app, world.people.OBSERVER, tag)).totalCount).toBe(3);
      const outside = await search(app, world.people.OUTSIDER, tag);
      expect(outside.hits).toEqual([]);
      expect(outside.totalCount).toBe(0);
      expect(await ids(app, world.people.OUTSIDER, 'Communications Community Office', { filter: { types: ['ORGANIZATION'] } })).toContain(world.host.id);
    });

    it('shows internal (ORGANIZATION) articles only to their organization and their named authors', async () => {
      const tag = word();
      const article = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id, 'ORGANIZATION');
      ok(await saveRevision(app, world.people.EDITOR, article, 'fr', null, { title: `Note interne ${tag}` }));
      expect(await ids(app, world.people.OBSERVER, tag)).toEqual([article]);
      const partner = await search(app, world.people.PARTNER_MEMBER, tag);
      expect(partner.hits).toEqual([]);
      expect(partner.totalCount).toBe(0);

      const coAuthor = await newWorkspaceMember(app, world, world.partner, world.partnerAdmin, 'EDITOR');
      expect(await ids(app, coAuthor, tag)).toEqual([]);
      ok(await addAuthor(app, world.people.EDITOR, article, coAuthor, world.partner.id));
      expect(await ids(app, coAuthor, tag)).toEqual([article]);
      expect(await ids(app, world.people.PARTNER_MEMBER, tag)).toEqual([]);
    });

    it('shows drafts to those who read the workspace, and only the published text of a PUBLIC article to others', async () => {
      const tag = word();
      const draftWord = word();
      const article = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id, 'PUBLIC');
      ok(await saveRevision(app, world.people.EDITOR, article, 'fr', null, { title: `Publié ${tag}` }));
      ok(await saveRevision(app, world.people.EDITOR, article, 'en', null, { title: `Published ${tag}`, translationOf: 1 }));
      expect(await ids(app, world.people.OUTSIDER, tag)).toEqual([]);
      ok(await submit(app, world.people.EDITOR, article));
      ok(await review(app, world.people.OWNER, article, world.host.id));
      ok(await publish(app, world.people.EDITOR, article));
      ok(await saveRevision(app, world.people.EDITOR, article, 'fr', 1, { title: `Publié ${tag} ${draftWord}` }));

      const outsider = (await search(app, world.people.OUTSIDER, tag)).hits;
      expect(outsider.map((hit) => [hit.id, hit.language, hit.title]).sort()).toEqual(
        [[article, 'en', `Published ${tag}`], [article, 'fr', `Publié ${tag}`]].sort(),
      );
      expect(await ids(app, world.people.OUTSIDER, draftWord)).toEqual([]);
      // The highlight is cut from the text the hit is: the published one for others.
      expect(outsider.map((hit) => hit.highlight).join(' ')).not.toContain(draftWord);
      // Those who read drafts find the current text of each language only, not the revisions it replaced.
      const reader = (await search(app, world.people.OBSERVER, tag)).hits;
      expect(reader.map((hit) => [hit.language, hit.title]).sort()).toEqual([['en', `Published ${tag}`], ['fr', `Publié ${tag} ${draftWord}`]]);
      expect(reader.find((hit) => hit.language === 'fr')?.highlight).toContain(draftWord);
      expect(await ids(app, world.people.OBSERVER, draftWord)).toEqual([article]);
    });

    it("finds comments only where their article may be read, in their revision's language", async () => {
      const tag = word();
      const internal = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id, 'ORGANIZATION');
      ok(await saveRevision(app, world.people.EDITOR, internal, 'fr', null, { title: 'Note', body: `<p>Le passage cité ${tag}.</p>` }));
      const revisionId = await currentRevisionId(app, world.people.EDITOR, internal);
      const comment = ok(await addComment(app, world.people.EDITOR, { articleId: internal, revisionId, quote: `passage cité ${tag}`, body: 'À reformuler' })).addComment.id;
      const hits = (await search(app, world.people.OBSERVER, `reformuler ${tag}`)).hits;
      expect(hits).toEqual([expect.objectContaining({ kind: 'COMMENT', id: comment, language: 'fr', workspaceId: world.workspace.id })]);
      expect(await ids(app, world.people.PARTNER_MEMBER, `reformuler ${tag}`)).toEqual([]);
      expect(await ids(app, world.people.OUTSIDER, `reformuler ${tag}`)).toEqual([]);
    });

    it('finds sessions with their event, and sources for their organization and where they are shared', async () => {
      const tag = word();
      const event = await createEvent(app, world.people.COORDINATOR, world.workspace.id);
      const session = await addSession(app, world.people.COORDINATOR, event, '2026-12-01T10:00', '2026-12-01T11:00', `Atelier ${tag}`);
      expect(await ids(app, world.people.OBSERVER, tag, { filter: { types: ['EVENT_SESSION'] } })).toEqual([session]);
      expect(await ids(app, world.people.OUTSIDER, tag)).toEqual([]);

      const source = await createSource(app, world.people.PARTNER_MEMBER, world.partner, { url: uniqueUrl(), kind: 'WEBSITE', title: `Veille municipale ${tag}` });
      expect(await ids(app, world.partnerAdmin, tag)).toEqual([source.id]);
      expect(await ids(app, world.people.OBSERVER, tag)).toEqual([session]);
      await shareSource(app, world.people.PARTNER_MEMBER, source.id, world.workspace);
      expect((await ids(app, world.people.OBSERVER, tag)).sort()).toEqual([session, source.id].sort());
    });

    it('finds draft digests for the workspace, published ones for everyone', async () => {
      const tag = word();
      const period = { periodStart: '2026-01-05T00:00:00Z', periodEnd: '2026-01-12T00:00:00Z' };
      const featured = await item(`Article de la semaine ${word()}`, undefined, 'fr', new Date('2026-01-06T00:00:00Z'));
      ok(await curate(app, world.people.EDITOR, world.workspace, featured, { status: 'FEATURED' }));
      const digest = ok(
        await app.graphql(`mutation($input: CreateDigestInput!) { createDigest(input: $input) { id } }`, {
          input: { workspaceId: world.workspace.id, ...period, introduction: { fr: `Cette semaine, la gouvernance ${tag}`, en: `This week, governance ${tag}` } },
        }, { token: world.people.EDITOR.token }),
      ).createDigest.id;
      expect(await ids(app, world.people.OBSERVER, tag)).toEqual([digest]);
      expect(await ids(app, world.people.OUTSIDER, tag)).toEqual([]);
      ok(await app.graphql(`mutation($input: PublishDigestInput!) { publishDigest(input: $input) { id } }`, { input: { digestId: digest } }, { token: world.people.COORDINATOR.token }));
      expect((await search(app, world.people.OUTSIDER, `governance ${tag}`)).hits).toEqual([expect.objectContaining({ kind: 'DIGEST', id: digest, language: 'en' })]);
    });

    it('finds watch items only through live shares', async () => {
      const tag = word();
      const source = await createSource(app, world.people.PARTNER_MEMBER, world.partner, { url: uniqueUrl(), kind: 'WEBSITE' });
      const unshared = await insertItem(app, source.id, { title: `Pas encore partagé ${tag}` });
      expect(await ids(app, world.people.OBSERVER, tag)).toEqual([]);
      await shareSource(app, world.people.PARTNER_MEMBER, source.id, world.workspace);
      expect(await ids(app, world.people.OBSERVER, tag)).toEqual([unshared]);
      ok(
        await app.graphql(`mutation($input: UnshareWatchSourceInput!) { unshareWatchSource(input: $input) }`, {
          input: { sourceId: source.id, workspaceId: world.workspace.id },
        }, { token: world.people.COORDINATOR.token }),
      );
      expect(await ids(app, world.people.OBSERVER, tag)).toEqual([]);
    });

    it('finds nothing more of a workspace once one has left it', async () => {
      const tag = word();
      const ownerAdmin = await registerUser(app, { displayName: 'Alex Martin', domain: 'cco-bcc.gc.ca' });
      const leaverAdmin = await registerUser(app, { displayName: 'Sophie Tremblay', domain: 'ville.example' });
      const owner = await createOrganization(app, ownerAdmin, { jurisdiction: 'FEDERAL' });
      const leaver = await createOrganization(app, leaverAdmin, { jurisdiction: 'MUNICIPAL', region: 'CA-ON' });
      const workspace: TestWorkspace = await createWorkspace(app, ownerAdmin, owner);
      await addPartner(app, ownerAdmin, workspace, leaver, leaverAdmin);
      const member: TestUser = await newWorkspaceMember(app, { workspace, hostAdmin: ownerAdmin }, leaver, leaverAdmin, 'EDITOR');
      const event = await createEvent(app, ownerAdmin, workspace.id, { title: { fr: `Réunion ${tag}`, en: `Meeting ${tag}` } });
      const source = await createSource(app, ownerAdmin, owner, { url: uniqueUrl(), kind: 'WEBSITE' });
      await shareSource(app, ownerAdmin, source.id, workspace);
      const shared = await insertItem(app, source.id, { title: `Veille ${tag}` });
      expect((await ids(app, member, tag)).sort()).toEqual([event, shared].sort());

      ok(
        await app.graphql(`mutation($input: WorkspaceOrganizationInput!) { leaveWorkspace(input: $input) { status } }`, {
          input: { workspaceId: workspace.id, organizationId: leaver.id },
        }, { token: leaverAdmin.token }),
      );
      const after = await search(app, member, tag);
      expect(after.hits).toEqual([]);
      expect(after.totalCount).toBe(0);
    });
  });
  describe('the node of each hit', () => {
    const NODES = `query($query: String!, $filter: SearchFilter, $first: Int) {
      search(query: $query, filter: $filter, first: $first) {
        edges { node { kind id node {
          __typename
          ... on WatchItem { id url source { id } }
          ... on WatchSource { id sourceUrl: url }
          ... on Digest { id digestStatus: status }
          ... on Article { id status currentRevision(language: fr) { title } }
          ... on Comment { id body articleId }
          ... on Event { id timeZone gaps { id } }
          ... on EventSession { id eventId event { id } }
          ... on Organization { id slug }
        } } }
      }
    }`;
    interface NodeHit {
      kind: string;
      id: string;
      node: ({ __typename: string; id: string } & Record<string, unknown>) | null;
    }
    const nodesOf = async (user: { token?: string }, query: string, variables: Record<string, unknown> = {}): Promise<NodeHit[]> =>
      ok(await app.graphql(NODES, { query, first: 20, ...variables }, { token: user.token })).search.edges.map((edge: { node: NodeHit }) => edge.node);
    const byKind = (hits: NodeHit[]) => Object.fromEntries(hits.map((hit) => [hit.kind, hit]));

    /** One document of each kind, all found by `tag`: the bilingual ones say "Colloque"/"Symposium", "Organisme"/"Organization", "Résumé"/"Summary". */
    async function oneOfEachKind(tag: string) {
      const itemId = await item(`Veille ${tag}`);
      const source = await createSource(app, world.people.EDITOR, world.host, { url: uniqueUrl(), kind: 'WEBSITE', title: `Source ${tag}` });
      await shareSource(app, world.people.EDITOR, source.id, world.workspace);
      const digest = ok(
        await app.graphql(`mutation($input: CreateDigestInput!) { createDigest(input: $input) { id } }`, {
          input: { workspaceId: world.workspace.id, periodStart: '2026-02-02T00:00:00Z', periodEnd: '2026-02-09T00:00:00Z', introduction: { fr: `Résumé ${tag}`, en: `Summary ${tag}` } },
        }, { token: world.people.EDITOR.token }),
      ).createDigest.id;
      const article = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id);
      ok(await saveRevision(app, world.people.EDITOR, article, 'fr', null, { title: `Dossier ${tag}`, body: '<p>Le texte.</p>' }));
      const commented = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id);
      ok(await saveRevision(app, world.people.EDITOR, commented, 'fr', null, { title: 'Autre', body: '<p>Un passage.</p>' }));
      const revisionId = await currentRevisionId(app, world.people.EDITOR, commented);
      const comment = ok(await addComment(app, world.people.EDITOR, { articleId: commented, revisionId, quote: 'Un passage', body: `Remarque ${tag}` })).addComment.id;
      const event = await createEvent(app, world.people.COORDINATOR, world.workspace.id, { title: { fr: `Colloque ${tag}`, en: `Symposium ${tag}` } });
      const withSession = await createEvent(app, world.people.COORDINATOR, world.workspace.id);
      const session = await addSession(app, world.people.COORDINATOR, withSession, '2026-12-01T10:00', '2026-12-01T11:00', `Atelier ${tag}`);
      const organization = await createOrganization(app, world.hostAdmin, { name: { fr: `Organisme ${tag}`, en: `Organization ${tag}` } });
      return { itemId, source, digest, article, commented, comment, event, withSession, session, organization };
    }

    it('is the object itself, of each kind, with the fields of its type', async () => {
      const tag = word();
      const { itemId, source, digest, article, commented, comment, event, withSession, session, organization } = await oneOfEachKind(tag);

      const hits = byKind(await nodesOf(world.people.OBSERVER, tag));
      expect(hits.WATCH_ITEM.node).toEqual({ __typename: 'WatchItem', id: itemId, url: `https://example.ca/${itemId}`, source: { id: sourceId } });
      expect(hits.WATCH_SOURCE.node).toEqual({ __typename: 'WatchSource', id: source.id, sourceUrl: expect.any(String) });
      expect(hits.DIGEST.node).toEqual({ __typename: 'Digest', id: digest, digestStatus: 'DRAFT' });
      expect(hits.ARTICLE.node).toEqual({ __typename: 'Article', id: article, status: 'DRAFT', currentRevision: { title: `Dossier ${tag}` } });
      // A comment's node is the comment that matched, not its article.
      expect(hits.COMMENT.node).toEqual({ __typename: 'Comment', id: comment, body: `Remarque ${tag}`, articleId: commented });
      expect(hits.EVENT.node).toEqual({ __typename: 'Event', id: event, timeZone: 'America/Toronto', gaps: [] });
      expect(hits.EVENT_SESSION.node).toEqual({ __typename: 'EventSession', id: session, eventId: withSession, event: { id: withSession } });
      expect(hits.ORGANIZATION.node).toEqual({ __typename: 'Organization', id: organization.id, slug: organization.slug });
      expect(Object.keys(hits).sort()).toEqual(['ARTICLE', 'COMMENT', 'DIGEST', 'EVENT', 'EVENT_SESSION', 'ORGANIZATION', 'WATCH_ITEM', 'WATCH_SOURCE']);
    });

    it("cuts each kind's highlight from the text it was found in, in the language that matched", async () => {
      const tag = word();
      await oneOfEachKind(tag);
      const highlights = async (query: string) =>
        Object.fromEntries((await search(app, world.people.OBSERVER, query, { first: 20 })).hits.map((hit) => [hit.kind, hit.highlight]));
      expect(await highlights(tag)).toEqual({
        WATCH_ITEM: `Veille <mark>${tag}</mark>`,
        WATCH_SOURCE: expect.stringMatching(new RegExp(`^Source <mark>${tag}</mark> https://`)),
        DIGEST: `Résumé <mark>${tag}</mark>`,
        // An article is found by its title too, so its title is part of the text marked.
        ARTICLE: `Dossier <mark>${tag}</mark> Le texte`,
        COMMENT: expect.stringMatching(new RegExp(`Remarque <mark>${tag}</mark>$`)),
        EVENT: expect.stringMatching(new RegExp(`^Colloque <mark>${tag}</mark>`)),
        EVENT_SESSION: expect.stringMatching(new RegExp(`^Atelier <mark>${tag}</mark>`)),
        ORGANIZATION: expect.stringMatching(new RegExp(`^Organisme <mark>${tag}</mark>`)),
      });
      // Found by their English half, the bilingual texts are highlighted in English.
      expect(await highlights(`symposium ${tag}`)).toEqual({ EVENT: expect.stringMatching(new RegExp(`^<mark>Symposium</mark> <mark>${tag}</mark>`)) });
      expect(await highlights(`summary ${tag}`)).toEqual({ DIGEST: `<mark>Summary</mark> <mark>${tag}</mark>` });
      expect(await highlights(`organization ${tag}`)).toEqual({ ORGANIZATION: expect.stringMatching(new RegExp(`^<mark>Organization</mark> <mark>${tag}</mark>`)) });
    });

    it('gives a watch item its curation in the workspace the search is limited to, and none without one', async () => {
      const tag = word();
      const itemId = await item(`Veille ${tag}`);
      ok(await curate(app, world.people.EDITOR, world.workspace, itemId, { status: 'SHORTLISTED', annotation: 'À lire' }));
      const CURATED = `query($query: String!, $filter: SearchFilter) {
        search(query: $query, filter: $filter) { edges { node { workspaceId node { ... on WatchItem { id status curation { status annotation } } } } } } }`;
      const hits = async (filter?: Record<string, unknown>) =>
        ok(await app.graphql(CURATED, { query: tag, filter }, { token: world.people.OBSERVER.token })).search.edges.map((edge: { node: unknown }) => edge.node);
      expect(await hits({ workspaceId: world.workspace.id })).toEqual([
        { workspaceId: world.workspace.id, node: { id: itemId, status: 'SHORTLISTED', curation: { status: 'SHORTLISTED', annotation: 'À lire' } } },
      ]);
      expect(await hits()).toEqual([{ workspaceId: null, node: { id: itemId, status: 'NEW', curation: null } }]);
    });

    it('costs one statement per kind on the page, whatever the page size (2 hits or 6)', async () => {
      // Two kinds on both pages: watch items and articles.
      const page = async (size: number) => {
        const tag = word();
        for (let index = 0; index < size / 2; index++) {
          await item(`${tag} ${index}`);
          const article = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id);
          ok(await saveRevision(app, world.people.EDITOR, article, 'fr', null, { title: `${tag} ${index}` }));
        }
        return tag;
      };
      const [small, large] = [await page(2), await page(6)];
      const statements = (tag: string, query: string) => countQueries(app, () => app.graphql(query, { query: tag, first: 20 }, { token: world.people.OBSERVER.token }));
      const BARE = `query($query: String!, $first: Int) { search(query: $query, first: $first) { edges { node { id } } } }`;
      const KINDS = `query($query: String!, $first: Int) { search(query: $query, first: $first) { edges { node { id node { ... on WatchItem { id } ... on Article { id } } } } } }`;
      expect((await nodesOf(world.people.OBSERVER, large)).filter((hit) => hit.node)).toHaveLength(6);
      expect(await statements(small, KINDS)).toBe((await statements(small, BARE)) + 2);
      expect(await statements(large, KINDS)).toBe((await statements(large, BARE)) + 2);
      // With the nested fields of each type (a source, a revision), still the same for both pages.
      expect(await statements(large, NODES)).toBe(await statements(small, NODES));
    });

    it("never shows more than the object's own query would: only the published text of a PUBLIC article or digest to others", async () => {
      const tag = word();
      const article = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id, 'PUBLIC');
      ok(await saveRevision(app, world.people.EDITOR, article, 'fr', null, { title: `Publié ${tag}` }));
      ok(await saveRevision(app, world.people.EDITOR, article, 'en', null, { title: `Published ${tag}`, translationOf: 1 }));
      ok(await submit(app, world.people.EDITOR, article));
      ok(await review(app, world.people.OWNER, article, world.host.id));
      ok(await publish(app, world.people.EDITOR, article));
      ok(await saveRevision(app, world.people.EDITOR, article, 'fr', 1, { title: `Publié ${tag} brouillon` }));

      // The outsider finds the published text, and no node to read the draft (currentRevision) through.
      const outsider = await nodesOf(world.people.OUTSIDER, tag);
      expect(outsider.map((hit) => [hit.kind, hit.id, hit.node])).toEqual([['ARTICLE', article, null], ['ARTICLE', article, null]]);
      refused(await app.graphql(`query($id: ID!) { article(id: $id) { id } }`, { id: article }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
      const reader = await nodesOf(world.people.OBSERVER, `${tag} brouillon`);
      expect(reader.map((hit) => hit.node)).toEqual([expect.objectContaining({ id: article, currentRevision: { title: `Publié ${tag} brouillon` } })]);

      const internal = await createArticle(app, world.people.EDITOR, world.workspace.id, world.host.id, 'ORGANIZATION');
      ok(await saveRevision(app, world.people.EDITOR, internal, 'fr', null, { title: `Interne ${tag}` }));
      expect(await nodesOf(world.people.PARTNER_MEMBER, `interne ${tag}`)).toEqual([]);

      const featured = await item(`Article vedette ${word()}`, undefined, 'fr', new Date('2026-03-03T00:00:00Z'));
      ok(await curate(app, world.people.EDITOR, world.workspace, featured, { status: 'FEATURED' }));
      const digest = ok(
        await app.graphql(`mutation($input: CreateDigestInput!) { createDigest(input: $input) { id } }`, {
          input: { workspaceId: world.workspace.id, periodStart: '2026-03-02T00:00:00Z', periodEnd: '2026-03-09T00:00:00Z', introduction: { fr: `Bilan ${tag}`, en: `Review ${tag}` } },
        }, { token: world.people.EDITOR.token }),
      ).createDigest.id;
      ok(await app.graphql(`mutation($input: PublishDigestInput!) { publishDigest(input: $input) { id } }`, { input: { digestId: digest } }, { token: world.people.COORDINATOR.token }));
      expect(await nodesOf(world.people.OUTSIDER, `bilan ${tag}`)).toEqual([{ kind: 'DIGEST', id: digest, node: null }]);
      expect(await nodesOf(world.people.OBSERVER, `bilan ${tag}`)).toEqual([{ kind: 'DIGEST', id: digest, node: { __typename: 'Digest', id: digest, digestStatus: 'PUBLISHED' } }]);
    });
  });

  describe('the coverage gap filter', () => {
    it('finds, with uncovered, the sessions with no coverage that is not cancelled and the events having one; false finds the others', async () => {
      const tag = word();
      const event = await createEvent(app, world.people.COORDINATOR, world.workspace.id, { title: { fr: `Congrès ${tag}`, en: `Congress ${tag}` } });
      const covered = await addSession(app, world.people.COORDINATOR, event, '2026-12-01T09:00', '2026-12-01T10:00', `Plénière ${tag}`);
      const uncovered = await addSession(app, world.people.COORDINATOR, event, '2026-12-01T10:00', '2026-12-01T11:00', `Atelier ${tag}`);
      const coverage = await planCoverage(app, world.people.COORDINATOR, event, covered);
      const unsessioned = await createEvent(app, world.people.COORDINATOR, world.workspace.id, { title: { fr: `Réception ${tag}`, en: `Reception ${tag}` } });
      await item(`Veille ${tag}`);
      const find = async (filter: Record<string, unknown>) => (await ids(app, world.people.OBSERVER, tag, { filter, first: 20 })).sort();

      expect(await find({ uncovered: true })).toEqual([event, uncovered].sort());
      expect(await find({ uncovered: true, types: ['EVENT_SESSION'] })).toEqual([uncovered]);
      expect(await find({ uncovered: false })).toEqual([covered, unsessioned].sort());
      // The same gaps as the event's own field.
      const gaps = ok(await app.graphql(`query($id: ID!) { event(id: $id) { gaps { id } } }`, { id: event }, { token: world.people.OBSERVER.token })).event.gaps;
      expect(gaps).toEqual([{ id: uncovered }]);

      // Cancelled coverage leaves a gap.
      ok(await updateCoverage(app, world.people.COORDINATOR, coverage, { status: 'CANCELLED' }));
      expect(await find({ uncovered: true })).toEqual([event, covered, uncovered].sort());
      // Other kinds have no coverage: the filter finds none of them.
      expect(await find({ uncovered: true, types: ['WATCH_ITEM', 'ARTICLE'] })).toEqual([]);
      refused(await app.graphql(SEARCH, { query: tag, filter: { uncovered: 'yes' } }, { token: world.people.OBSERVER.token }), 'BAD_USER_INPUT');
    });
  });

  describe('the cost of nodes', () => {
    it('counts the node and what its fragments select once per hit of the page', async () => {
      const cost = async (selection: string) =>
        ok(await app.graphql(`{ rateLimit { cost } search(query: "x", first: 10) { edges { node { id ${selection} } } } }`, {}, { token: world.people.OBSERVER.token })).rateLimit.cost;
      const bare = await cost('');
      // node (1) + Article.currentRevision (1) + WatchItem.source (1), for each of 10 hits.
      expect(await cost('node { ... on Article { currentRevision(language: fr) { title } } ... on WatchItem { source { id } } }')).toBe(bare + 10 * 3);
    });
  });

});

// Alerts are looked for every 50 ms here: in an app of their own, so that the other tests count only their own statements.
describeApp('saved searches', { world: true, env: { SAVED_SEARCH_CHECK_MS: '50' } }, ({ app, world }) => {
  let sourceId: string;

  beforeAll(async () => {
    const source = await createSource(app, world.people.EDITOR, world.host, { url: uniqueUrl(), kind: 'WEBSITE' });
    await shareSource(app, world.people.EDITOR, source.id, world.workspace);
    sourceId = source.id;
  });

  const item = (title: string) => insertItem(app, sourceId, { title, language: 'fr' });

  const SAVE = `mutation($input: SaveSearchInput!) { saveSearch(input: $input) { id name query language workspaceId hasFeed } }`;
  const FEED = `mutation($input: SavedSearchIdInput!) { createSavedSearchFeed(input: $input) { url } }`;
  const REVOKE = `mutation($input: SavedSearchIdInput!) { revokeSavedSearchFeed(input: $input) { id hasFeed } }`;
  const NOTICES = `{ notifications(first: 50) { edges { node { kind resourceId workspaceId message { fr en } } } } }`;

  const alertsOf = async (user: TestUser, savedSearchId: string): Promise<string[]> =>
    ok(await app.graphql(NOTICES, {}, { token: user.token }))
      .notifications.edges.map((edge: { node: { kind: string; resourceId: string; message: { en: string } } }) => edge.node)
      .filter((notice: { kind: string; resourceId: string }) => notice.kind === 'search.saved_search_matched' && notice.resourceId === savedSearchId)
      .map((notice: { message: { en: string } }) => notice.message.en);
  /** How many items the alerts of a saved search have announced in all (a round may see them one by one or together). */
  const announced = async (user: TestUser, savedSearchId: string) =>
    (await alertsOf(user, savedSearchId)).reduce((sum, message) => sum + Number(/: (\d+) new watch items?$/.exec(message)?.[1]), 0);

  it('refuse words that require nothing of an item: every new item would be an alert', async () => {
    for (const query of ['-subvention', 'the -subvention']) {
      const response = await app.graphql(SAVE, { input: { workspaceId: world.workspace.id, name: 'Tout sauf', query } }, { token: world.people.OBSERVER.token });
      expect(refused(response, 'BAD_USER_INPUT').extensions.fields).toEqual([{ field: 'query', message: 'must name a word to find, not only words to leave out' }]);
    }
    // Of French items only, "the" is a word to find.
    ok(await app.graphql(SAVE, { input: { workspaceId: world.workspace.id, name: 'The', query: 'the -subvention', language: 'fr' } }, { token: world.people.OBSERVER.token }));
  });

  it('saved with such words before they were refused, announce nothing', async () => {
    const tag = word();
    const saved = ok(await app.graphql(SAVE, { input: { workspaceId: world.workspace.id, name: 'Avant', query: `${tag} -subvention` } }, { token: world.people.OBSERVER.token })).saveSearch;
    const matching = ok(await app.graphql(SAVE, { input: { workspaceId: world.workspace.id, name: 'Mot', query: tag } }, { token: world.people.OBSERVER.token })).saveSearch;
    // As a saved search of before would hold them: "le" is a French stopword, so this is "-subvention" in French.
    await app.dataSource.query(`UPDATE saved_search SET query = 'le -subvention' WHERE id = $1`, [saved.id]);
    const itemId = await item(`Nouvelle ${tag}`);
    await eventually(async () => (await alertsOf(world.people.OBSERVER, matching.id)).length === 1, 'the word announced');
    const lookedAt = async () =>
      (await app.dataSource.query(`SELECT saved.checked_until > item.fetched_at AS past FROM saved_search saved, watch_item item WHERE saved.id = $1 AND item.id = $2`, [saved.id, itemId]))[0].past;
    await eventually(lookedAt, 'the item looked at');
    expect(await alertsOf(world.people.OBSERVER, saved.id)).toEqual([]);
  });

  it('notify their owner, once, of new watch items that match and that the owner may see', async () => {
    const tag = word();
    await item(`Subventions ${tag} déjà là`);
    const saved = ok(await app.graphql(SAVE, { input: { workspaceId: world.workspace.id, name: 'Subventions', query: `subvention ${tag}` } }, { token: world.people.OBSERVER.token })).saveSearch;
    expect(saved).toMatchObject({ name: 'Subventions', workspaceId: world.workspace.id, hasFeed: false });

    await item(`Nouvelles subventions ${tag}`);
    await eventually(async () => (await alertsOf(world.people.OBSERVER, saved.id)).length === 1, 'alerted');
    expect(await alertsOf(world.people.OBSERVER, saved.id)).toEqual(['“Subventions”: 1 new watch item']);

    // Neither an item the owner may not see nor one that does not match is announced; each matching one is, once.
    const unshared = await createSource(app, world.people.EDITOR, world.host, { url: uniqueUrl(), kind: 'WEBSITE' });
    await insertItem(app, unshared.id, { title: `Subvention hors partage ${tag}` });
    await item(`Autre chose ${tag}`);
    await item(`Deux subventions ${tag}`);
    await item(`Trois subventions ${tag}`);
    await eventually(async () => (await announced(world.people.OBSERVER, saved.id)) >= 3, 'alerted again');
    await item(`Quatre subventions ${tag}`);
    await eventually(async () => (await announced(world.people.OBSERVER, saved.id)) >= 4, 'alerted once more');
    expect(await announced(world.people.OBSERVER, saved.id)).toBe(4);
    expect(await alertsOf(world.people.EDITOR, saved.id)).toEqual([]);
  });

  onServer('alert about an item whose transaction was still running when a check went past its stamp', async () => {
    const tag = word();
    const saved = ok(await app.graphql(SAVE, { input: { workspaceId: world.workspace.id, name: 'Retard', query: `retard ${tag}` } }, { token: world.people.OBSERVER.token })).saveSearch;
    const fetch = app.dataSource.createQueryRunner();
    await fetch.startTransaction();
    try {
      // Stamped with its transaction's start, as a fetch stamps what it stores.
      await insertItem(app, sourceId, { title: `Un retard ${tag}` }, fetch.manager);
      const [{ started }] = await fetch.query(`SELECT now() AS started`);
      // Checks run meanwhile, up to just before that start at least (without waiting, past it).
      await eventually(async () => {
        const [row] = await app.dataSource.query(
          `SELECT checked_until >= date_trunc('milliseconds', $2::timestamptz) - interval '1 millisecond' AS reached FROM saved_search WHERE id = $1`,
          [saved.id, started],
        );
        return row.reached;
      }, 'checked up to the running transaction');
      await fetch.commitTransaction();
    } finally {
      await fetch.release();
    }
    await eventually(async () => (await alertsOf(world.people.OBSERVER, saved.id)).length === 1, 'alerted');
    expect(await alertsOf(world.people.OBSERVER, saved.id)).toEqual(['“Retard”: 1 new watch item']);
  });

  it('are saved only by members of the workspace, and managed only by their owner', async () => {
    const input = { workspaceId: world.workspace.id, name: 'Veille', query: 'veille' };
    refused(await app.graphql(SAVE, { input }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
    const saved = ok(await app.graphql(SAVE, { input }, { token: world.people.OBSERVER.token })).saveSearch;
    refused(await app.graphql(FEED, { input: { savedSearchId: saved.id } }, { token: world.people.EDITOR.token }), 'NOT_FOUND');
    refused(await app.graphql(`mutation($input: SavedSearchIdInput!) { deleteSavedSearch(input: $input) }`, { input: { savedSearchId: saved.id } }, { token: world.people.EDITOR.token }), 'NOT_FOUND');
    const mine = ok(await app.graphql(`{ savedSearches(first: 50) { edges { node { id } } } }`, {}, { token: world.people.OBSERVER.token })).savedSearches;
    expect(mine.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(saved.id);
    const theirs = ok(await app.graphql(`{ savedSearches(first: 50) { edges { node { id } } } }`, {}, { token: world.people.EDITOR.token })).savedSearches;
    expect(theirs.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(saved.id);
  });

  it('read as an Atom feed at a secret address that follows the owner\'s access, until revoked', async () => {
    const tag = word();
    const matching = await item(`Archives <b>ouvertes</b> ${tag}`);
    const unshared = await createSource(app, world.people.EDITOR, world.host, { url: uniqueUrl(), kind: 'WEBSITE' });
    await insertItem(app, unshared.id, { title: `Archives privées ${tag}` });
    const saved = ok(await app.graphql(SAVE, { input: { workspaceId: world.workspace.id, name: `Archives & <fonds>`, query: `archives ${tag}` } }, { token: world.people.OBSERVER.token })).saveSearch;
    const { url } = ok(await app.graphql(FEED, { input: { savedSearchId: saved.id } }, { token: world.people.OBSERVER.token })).createSavedSearchFeed;
    expect(url).toMatch(/\/search-feeds\/[A-Za-z0-9_-]{43}\.atom$/);
    const path = new URL(url).pathname;

    const feed = await app.get(path);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body).toContain(`<id>urn:uuid:${matching}</id>`);
    expect(feed.body).toContain('<title>Archives &amp; &lt;fonds&gt;</title>');
    expect(feed.body).not.toContain('privées');

    expect(ok(await app.graphql(REVOKE, { input: { savedSearchId: saved.id } }, { token: world.people.OBSERVER.token })).revokeSavedSearchFeed.hasFeed).toBe(false);
    expect((await app.get(path)).statusCode).toBe(404);
    expect((await app.get('/search-feeds/not-a-token.atom')).statusCode).toBe(404);
  });

  it('as a feed, are validated by their ETag only: losing access removes entries with no later date', async () => {
    const owner = await newWorkspaceMember(app, world, world.host, world.hostAdmin, 'OBSERVER');
    const tag = word();
    await item(`Subvention ${tag}`);
    const saved = ok(await app.graphql(SAVE, { input: { workspaceId: world.workspace.id, name: 'Veille', query: tag } }, { token: owner.token })).saveSearch;
    const path = new URL(ok(await app.graphql(FEED, { input: { savedSearchId: saved.id } }, { token: owner.token })).createSavedSearchFeed.url).pathname;
    const first = await app.get(path);
    expect(first.body).toContain(`Subvention ${tag}`);
    expect(first.headers['last-modified']).toBeUndefined();
    expect((await app.get(path, { 'if-none-match': first.headers.etag as string })).statusCode).toBe(304);

    ok(await app.graphql(`mutation($input: RemoveWorkspaceMemberInput!) { removeWorkspaceMember(input: $input) }`, { input: { workspaceId: world.workspace.id, userId: owner.id } }, { token: world.hostAdmin.token }));
    // A reader that keeps a date only, here one after every change, is not told it holds the feed.
    const again = await app.get(path, { 'if-modified-since': new Date().toUTCString() });
    expect(again.statusCode).toBe(200);
    expect(again.body).not.toContain(`Subvention ${tag}`);
  });
});
