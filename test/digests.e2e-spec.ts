import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { entries, FeedEntry, FeedServer, rss2 } from './support/feeds';
import { describeApp, ok, refused } from './support/harness';
import { createSource, curate, listItems, refreshSource, shareSource } from './support/sources';
import { createWorkspace } from './support/world';

const DIGEST_FIELDS = `id status periodStart periodEnd publishedAt introduction { fr en } publishedBy { id } createdBy { id } workspace { id }
  entries { itemId sourceId sourceTitle sourceUrl title url excerpt author language publishedAt annotation tags }`;
const CREATE = `mutation($input: CreateDigestInput!) { createDigest(input: $input) { ${DIGEST_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateDigestInput!) { updateDigest(input: $input) { ${DIGEST_FIELDS} } }`;
const PUBLISH = `mutation($input: PublishDigestInput!) { publishDigest(input: $input) { ${DIGEST_FIELDS} } }`;
const DIGEST = `query($id: ID!) { digest(id: $id) { ${DIGEST_FIELDS} } }`;

const INTRODUCTION = { fr: 'Cette semaine : <img src=x onerror=alert(1)> & l’IA.', en: 'This week: <img src=x onerror=alert(1)> & AI.' };
const HOSTILE_ANNOTATION = '<script>alert("x")</script> **gras** [lien](javascript:alert(1))';

// The feed server starts before the app, which needs its address, and stops after it.
let server: FeedServer;
beforeAll(async () => (server = await FeedServer.start()));
afterAll(() => server.stop());

describeApp('curation and digests', { world: true, env: () => ({ FETCH_ALLOW_HOSTS: server.host }) }, ({ app, world }) => {
  let sourceId: string;
  let items: Record<string, string>;

  beforeAll(async () => {
    // Five entries on 2025-11-20 (12:00 back to 08:00), one on 2025-11-01, one hostile.
    const feed: FeedEntry[] = [
      ...entries('week', 5),
      { id: 'old', title: 'Old news', link: 'https://blog.example.ca/old', published: new Date('2025-11-01T12:00:00Z') },
      {
        id: 'hostile',
        title: '5 < 6 & "quotes" <img src=x onerror=alert(1)>',
        link: 'javascript:alert(1)',
        summary: '<p>Hello <script>alert(1)</script>[not](a link) *world*</p>',
        published: new Date('2025-11-19T12:00:00Z'),
      },
    ];
    server.routes.set('/veille', { body: rss2('Veille "numérique" & co', feed) });
    const source = await createSource(app, world.hostAdmin, world.host, { url: server.url('/veille'), kind: 'RSS' });
    await shareSource(app, world.hostAdmin, source.id, world.workspace);
    ok(await refreshSource(app, world.hostAdmin, source.id));
    sourceId = source.id;
    const listed = await listItems(app, world.hostAdmin, world.workspace, { sourceId }, { first: 100 });
    items = Object.fromEntries(listed.edges.map((edge: any) => [edge.node.guid, edge.node.id]));
  });

  const statusOf = async (guid: string, workspace = world.workspace) =>
    (await listItems(app, world.hostAdmin, workspace, { sourceId }, { first: 100 })).edges.find((edge: any) => edge.node.guid === guid).node;

  describe('curateWatchItem', () => {
    it('records status, annotation and tags, per workspace; omitted fields stay, null clears', async () => {
      const first = ok(await curate(app, world.people.CONTRIBUTOR, world.workspace, items['week-4'], { status: 'SHORTLISTED', annotation: 'À lire', tags: ['IA', ' gouv '] })).curateWatchItem;
      expect(first).toMatchObject({ status: 'SHORTLISTED', annotation: 'À lire', tags: ['ia', 'gouv'], curatedBy: { id: world.people.CONTRIBUTOR.id }, item: { id: items['week-4'], status: 'SHORTLISTED' } });

      const second = ok(await curate(app, world.people.PARTNER_MEMBER, world.workspace, items['week-4'], { status: 'DISMISSED' })).curateWatchItem;
      expect(second).toMatchObject({ id: first.id, status: 'DISMISSED', annotation: 'À lire', tags: ['ia', 'gouv'], curatedBy: { id: world.people.PARTNER_MEMBER.id } });
      const cleared = ok(await curate(app, world.people.EDITOR, world.workspace, items['week-4'], { status: 'DISMISSED', annotation: null, tags: [] })).curateWatchItem;
      expect(cleared).toMatchObject({ annotation: null, tags: [] });

      expect(await statusOf('week-4')).toMatchObject({ status: 'DISMISSED', curation: { status: 'DISMISSED', curatedBy: { id: world.people.EDITOR.id } } });
      // Another workspace the source is shared into has its own triage.
      const other = await createWorkspace(app, world.hostAdmin, world.host);
      await shareSource(app, world.hostAdmin, sourceId, other);
      expect(await statusOf('week-4', other)).toMatchObject({ status: 'NEW', curation: null });
    });

    it('filters the list by curation status (NEW includes untouched items)', async () => {
      ok(await curate(app, world.people.EDITOR, world.workspace, items['week-3'], { status: 'SHORTLISTED' }));
      ok(await curate(app, world.people.EDITOR, world.workspace, items['week-2'], { status: 'NEW', annotation: 'plus tard' }));
      const guids = async (status: string) =>
        (await listItems(app, world.people.OBSERVER, world.workspace, { sourceId, status }, { first: 100 })).edges.map((edge: any) => edge.node.guid);
      expect(await guids('SHORTLISTED')).toEqual(['week-3']);
      expect(await guids('DISMISSED')).toEqual(['week-4']);
      expect(await guids('NEW')).toEqual(['week-0', 'week-1', 'week-2', 'hostile', 'old']);
    });

    it('is refused to observers (FORBIDDEN), outsiders (NOT_FOUND), and for items not shared into the workspace (NOT_FOUND)', async () => {
      refused(await curate(app, world.people.OBSERVER, world.workspace, items['week-0'], { status: 'FEATURED' }), 'FORBIDDEN');
      refused(await curate(app, world.people.OUTSIDER, world.workspace, items['week-0'], { status: 'FEATURED' }), 'NOT_FOUND');
      const elsewhere = await createWorkspace(app, world.hostAdmin, world.host);
      refused(await curate(app, world.hostAdmin, elsewhere, items['week-0'], { status: 'FEATURED' }), 'NOT_FOUND');
      refused(await curate(app, world.hostAdmin, world.workspace, '00000000-0000-4000-8000-000000000000', { status: 'FEATURED' }), 'NOT_FOUND');
    });
  });

  describe('digests', () => {
    const period = { periodStart: '2025-11-17T00:00:00Z', periodEnd: '2025-11-24T00:00:00Z' };
    let digestId: string;

    it("gathers the period's FEATURED items, live while a draft", async () => {
      for (const guid of ['week-0', 'week-1', 'old', 'hostile']) {
        ok(await curate(app, world.people.EDITOR, world.workspace, items[guid], { status: 'FEATURED', ...(guid === 'hostile' ? { annotation: HOSTILE_ANNOTATION, tags: ['<b>x</b>'] } : {}) }));
      }
      const digest = ok(await app.graphql(CREATE, { input: { workspaceId: world.workspace.id, ...period } }, { token: world.people.EDITOR.token })).createDigest;
      digestId = digest.id;
      expect(digest).toMatchObject({ status: 'DRAFT', introduction: null, publishedAt: null, createdBy: { id: world.people.EDITOR.id }, workspace: { id: world.workspace.id } });
      // "old" is featured but outside the period.
      expect(digest.entries.map((entry: any) => entry.title)).toEqual(['week entry 0', 'week entry 1', '5 < 6 & "quotes"']);
      expect(digest.entries[2]).toMatchObject({ annotation: HOSTILE_ANNOTATION, sourceId, sourceTitle: 'Veille "numérique" & co', excerpt: expect.stringContaining('Hello') });

      ok(await curate(app, world.people.EDITOR, world.workspace, items['week-2'], { status: 'FEATURED' }));
      const live = ok(await app.graphql(DIGEST, { id: digestId }, { token: world.people.OBSERVER.token })).digest;
      expect(live.entries).toHaveLength(4);
    });

    it('refuses an empty or inverted period (BAD_USER_INPUT)', async () => {
      const inverted = { workspaceId: world.workspace.id, periodStart: period.periodEnd, periodEnd: period.periodStart };
      refused(await app.graphql(CREATE, { input: inverted }, { token: world.hostAdmin.token }), 'BAD_USER_INPUT');
    });

    it('publishes only with an introduction in both languages (PRECONDITION_FAILED), by a manager', async () => {
      refused(await app.graphql(PUBLISH, { input: { digestId } }, { token: world.people.EDITOR.token }), 'FORBIDDEN');
      refused(await app.graphql(PUBLISH, { input: { digestId } }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
      const error = refused(await app.graphql(PUBLISH, { input: { digestId } }, { token: world.people.COORDINATOR.token }), 'PRECONDITION_FAILED');
      expect(error.extensions.reasons).toEqual(['The introduction is missing in French', 'The introduction is missing in English']);

      const updated = ok(await app.graphql(UPDATE, { input: { digestId, introduction: INTRODUCTION } }, { token: world.people.EDITOR.token })).updateDigest;
      expect(updated.introduction).toEqual(INTRODUCTION);
      const published = ok(await app.graphql(PUBLISH, { input: { digestId } }, { token: world.people.COORDINATOR.token })).publishDigest;
      expect(published).toMatchObject({ status: 'PUBLISHED', publishedBy: { id: world.people.COORDINATOR.id } });
      expect(published.entries).toHaveLength(4);

      const audit = ok(
        await app.graphql(`query($id: ID!) { auditEvents(workspaceId: $id, first: 1) { edges { node { action resourceId actorId } } } }`, { id: world.workspace.id }, { token: world.hostAdmin.token }),
      ).auditEvents.edges[0].node;
      expect(audit).toEqual({ action: 'digest.published', resourceId: digestId, actorId: world.people.COORDINATOR.id });
    });

    it('a published digest is frozen: it cannot be published or changed again (CONFLICT), and curation no longer moves it', async () => {
      refused(await app.graphql(PUBLISH, { input: { digestId } }, { token: world.hostAdmin.token }), 'CONFLICT');
      refused(await app.graphql(UPDATE, { input: { digestId, introduction: INTRODUCTION } }, { token: world.hostAdmin.token }), 'CONFLICT');
      ok(await curate(app, world.people.EDITOR, world.workspace, items['week-0'], { status: 'DISMISSED' }));
      const digest = ok(await app.graphql(DIGEST, { id: digestId }, { token: world.people.OBSERVER.token })).digest;
      expect(digest.entries.map((entry: any) => entry.title)).toContain('week entry 0');
    });

    it('refuses publication without a featured item (PRECONDITION_FAILED)', async () => {
      const empty = ok(
        await app.graphql(CREATE, { input: { workspaceId: world.workspace.id, periodStart: '2024-01-01T00:00:00Z', periodEnd: '2024-01-08T00:00:00Z', introduction: INTRODUCTION } }, { token: world.hostAdmin.token }),
      ).createDigest;
      const error = refused(await app.graphql(PUBLISH, { input: { digestId: empty.id } }, { token: world.hostAdmin.token }), 'PRECONDITION_FAILED');
      expect(error.extensions.reasons).toEqual(['No item of the period is FEATURED']);
    });

    it('lists digests newest first, by status', async () => {
      const list = async (status?: string) =>
        ok(await app.graphql(`query($id: ID!, $status: DigestStatus) { digests(workspaceId: $id, status: $status) { totalCount edges { node { id status } } } }`, { id: world.workspace.id, status }, { token: world.people.OBSERVER.token })).digests;
      expect((await list('PUBLISHED')).edges.map((edge: any) => edge.node.id)).toEqual([digestId]);
      expect((await list()).totalCount).toBe(2);
      refused(await app.graphql(`query($id: ID!) { digests(workspaceId: $id) { totalCount } }`, { id: world.workspace.id }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
    });

    describe('read in public, escaped', () => {
      it('GET /feeds/:workspaceSlug/digests.atom is valid Atom with the published digests only', async () => {
        const response = await app.get(`/feeds/${world.workspace.slug}/digests.atom`);
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toMatch(/^application\/atom\+xml/);
        expect(XMLValidator.validate(response.body)).toBe(true);
        const feed = new XMLParser({ ignoreAttributes: false, processEntities: true, isArray: (name) => name === 'entry' || name === 'link' }).parse(response.body).feed;
        expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
        expect(feed.id).toBeTruthy();
        expect(feed.updated).toBeTruthy();
        expect(feed.link[0]['@_rel']).toBe('self');
        expect(feed.entry).toHaveLength(1);
        const [entry] = feed.entry;
        expect(entry.id).toBe(`urn:tandem:digest:${digestId}`);
        expect(entry.title).toContain('2025-11-17');
        expect(entry.link[0]['@_href']).toMatch(new RegExp(`/fr/${world.workspace.slug}/digests/${digestId}$`));
        expect(entry.author.name).toBeTruthy();
        // The HTML content is text inside the XML: escaped once more, nothing live.
        const content: string = entry.content['#text'] ?? entry.content;
        expect(content).toContain('&lt;img src=x onerror=alert(1)&gt;');
        expect(content).not.toMatch(/<script|<img|href="javascript/i);
        expect(response.body).not.toMatch(/<script|<img /i);
      });

      it('serves a published digest as HTML and Markdown, with nothing from a feed or a person left live', async () => {
        const html = await app.get(`/feeds/${world.workspace.slug}/digests/${digestId}.html`);
        expect(html.statusCode).toBe(200);
        expect(html.headers['content-type']).toMatch(/^text\/html/);
        expect(html.headers['x-content-type-options']).toBe('nosniff');
        expect(html.body).toContain('<!DOCTYPE html>');
        expect(html.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
        expect(html.body).toContain('5 &lt; 6 &amp; &quot;quotes&quot;');
        expect(html.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
        expect(html.body).not.toMatch(/<script|<img|javascript:alert\(1\)"|onerror=alert\(1\)>/i);
        expect(html.body).toContain('<a href="https://blog.example.ca/week/0">week entry 0</a>');

        const markdown = await app.get(`/feeds/${world.workspace.slug}/digests/${digestId}.md?lang=en`);
        expect(markdown.statusCode).toBe(200);
        expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
        expect(markdown.body).toContain('[week entry 0](<https://blog.example.ca/week/0>)');
        expect(markdown.body).toContain('This week: \\<img src=x onerror=alert\\(1\\)\\> \\& AI\\.');
        expect(markdown.body).not.toContain('Cette semaine');
        expect(markdown.body).toContain('\\*\\*gras\\*\\* \\[lien\\]\\(javascript:alert\\(1\\)\\)');
        // Only backslash-escaped (literal) angle brackets, outside code spans.
        expect(markdown.body).not.toMatch(/\]\(javascript|(?<!\\)<(script|img)/i);
      });

      it('answers 404 for drafts, unknown digests and other workspaces', async () => {
        const draft = ok(await app.graphql(CREATE, { input: { workspaceId: world.workspace.id, ...period } }, { token: world.hostAdmin.token })).createDigest;
        const other = await createWorkspace(app, world.hostAdmin, world.host);
        for (const url of [
          `/feeds/${world.workspace.slug}/digests/${draft.id}.html`,
          `/feeds/${world.workspace.slug}/digests/00000000-0000-4000-8000-000000000000.md`,
          `/feeds/${world.workspace.slug}/digests/not-an-id.html`,
          `/feeds/${world.workspace.slug}/digests/${digestId}.pdf`,
          `/feeds/${other.slug}/digests/${digestId}.html`,
          `/feeds/no-such-workspace/digests.atom`,
          // A workspace that published nothing is not told apart from an unknown one.
          `/feeds/${other.slug}/digests.atom`,
        ]) {
          expect({ url, status: (await app.get(url)).statusCode }).toEqual({ url, status: 404 });
        }
      });

      it('gives the same renderings through GraphQL, to members', async () => {
        const data = ok(await app.graphql(`query($id: ID!) { digest(id: $id) { html(language: fr) markdown } }`, { id: digestId }, { token: world.people.OBSERVER.token })).digest;
        expect(data.html).toContain('Cette semaine : &lt;img');
        expect(data.html).not.toContain('This week');
        expect(data.markdown).toContain('Cette semaine');
        expect(data.markdown).toContain('This week');
        refused(await app.graphql(`query($id: ID!) { digest(id: $id) { id } }`, { id: digestId }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
      });
    });
  });
});
