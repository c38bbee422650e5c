import { performance } from 'node:perf_hooks';
import { htmlToPlainText } from '../src/common/rich-text';
import { addOrganizationMember, createOrganization, registerUser, TestUser } from './support/factories';
import { longestStall } from './support/event-loop';
import { describeApp, ok, refused } from './support/harness';
import { createSource, shareSource, SOURCE_FIELDS, uniqueUrl } from './support/sources';
import { addPartner, addWorkspaceMember, createWorkspace } from './support/world';

const SOURCES_OF_WORKSPACE = `query($workspaceId: ID!) { watchSources(workspaceId: $workspaceId) { totalCount edges { node { id url } } } }`;
const SOURCE = `query($id: ID!) { watchSource(id: $id) { id url shares(includeRevoked: true) { workspace { id } note sharedAt sharedBy { id } revokedAt revokedBy { id } } } }`;
const UNSHARE = `mutation($input: UnshareWatchSourceInput!) { unshareWatchSource(input: $input) }`;

describeApp('watch sources: registering, sharing, OPML', { world: true }, ({ app, world }) => {
  const visibleIds = async (user: TestUser, workspaceId = world.workspace.id) =>
    ok(await app.graphql(SOURCES_OF_WORKSPACE, { workspaceId }, { token: user.token })).watchSources.edges.map((edge: any) => edge.node.id);

  describe('createWatchSource', () => {
    it('stores the canonical URL: scheme and host lower-cased, tracking parameters and fragment dropped', async () => {
      const source = await createSource(app, world.people.OBSERVER, world.host, {
        url: 'HTTPS://Blog.Example.CA/billets/?utm_source=newsletter&utm_medium=email&page=2#haut',
        kind: 'WEBSITE',
        topics: [' Numérique ', 'IA', 'ia'],
        language: 'fr',
      });
      expect(source.url).toBe('https://blog.example.ca/billets?page=2');
      expect(source).toMatchObject({ kind: 'WEBSITE', feedUrl: null, topics: ['numérique', 'ia'], language: 'fr', organization: { id: world.host.id } });
      expect(source).toMatchObject({ lastFetchedAt: null, consecutiveFailures: 0, lastError: null });
    });

    it('fetches a feed kind at its own URL unless a feed URL is given', async () => {
      const feed = await createSource(app, world.hostAdmin, world.host, { url: 'https://feeds.example.ca/rss.xml', kind: 'RSS' });
      expect(feed.feedUrl).toBe(feed.url);
      const site = await createSource(app, world.hostAdmin, world.host, {
        url: 'https://www.canada.ca/fr/nouvelles',
        feedUrl: 'https://www.canada.ca/fr/nouvelles.atom?utm_campaign=x',
        kind: 'WEBSITE',
      });
      expect(site.feedUrl).toBe('https://www.canada.ca/fr/nouvelles.atom');
    });

    it('refuses a URL the organization already watches, however it is written (CONFLICT with the existing source)', async () => {
      const first = await createSource(app, world.hostAdmin, world.host, { url: 'https://dup.example.ca/blog', kind: 'WEBSITE' });
      const again = await app.graphql(
        `mutation($input: CreateWatchSourceInput!) { createWatchSource(input: $input) { id } }`,
        { input: { organizationId: world.host.id, url: 'https://DUP.example.ca/blog/?utm_source=x', kind: 'WEBSITE' } },
        { token: world.people.EDITOR.token },
      );
      expect(refused(again, 'CONFLICT').extensions.sourceId).toBe(first.id);
      // Another organization may watch the same site.
      const other = await createSource(app, world.people.PARTNER_MEMBER, world.partner, { url: 'https://dup.example.ca/blog', kind: 'WEBSITE' });
      expect(other.id).not.toBe(first.id);
    });

    it.each(['ftp://files.example.ca/feed.xml', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url', 'data:text/html,hi'])(
      'accepts only http and https URLs (%s is BAD_USER_INPUT)',
      async (url) => {
        const response = await app.graphql(
          `mutation($input: CreateWatchSourceInput!) { createWatchSource(input: $input) { id } }`,
          { input: { organizationId: world.host.id, url, kind: 'RSS' } },
          { token: world.hostAdmin.token },
        );
        expect(refused(response, 'BAD_USER_INPUT').extensions.fields.map((field: any) => field.field)).toEqual(['url']);
      },
    );

    it('is for members of the organization only (FORBIDDEN), and an unknown organization is NOT_FOUND', async () => {
      const input = { organizationId: world.host.id, url: uniqueUrl(), kind: 'WEBSITE' };
      const mutation = `mutation($input: CreateWatchSourceInput!) { createWatchSource(input: $input) { id } }`;
      refused(await app.graphql(mutation, { input }, { token: world.people.PARTNER_MEMBER.token }), 'FORBIDDEN');
      refused(await app.graphql(mutation, { input }, { token: world.people.OUTSIDER.token }), 'FORBIDDEN');
      refused(await app.graphql(mutation, { input: { ...input, organizationId: '00000000-0000-4000-8000-000000000000' } }, { token: world.hostAdmin.token }), 'NOT_FOUND');
      refused(await app.graphql(mutation, { input }), 'UNAUTHENTICATED');
    });
  });

  describe('sharing', () => {
    it('shares a source into a workspace with a note; partners then see it, who shared it and when; others do not', async () => {
      const source = await createSource(app, world.people.CONTRIBUTOR, world.host, { url: uniqueUrl(), kind: 'WEBSITE', title: 'Blogue' });
      // Before it is shared, a partner cannot know it exists.
      refused(await app.graphql(SOURCE, { id: source.id }, { token: world.people.PARTNER_MEMBER.token }), 'NOT_FOUND');
      const before = Date.now();
      const share = await shareSource(app, world.people.CONTRIBUTOR, source.id, world.workspace, 'Le meilleur blogue sur le numérique');
      expect(share).toMatchObject({ note: 'Le meilleur blogue sur le numérique', sharedBy: { id: world.people.CONTRIBUTOR.id }, revokedAt: null });
      expect(new Date(share.sharedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);

      expect(await visibleIds(world.people.PARTNER_MEMBER)).toContain(source.id);
      const seen = ok(await app.graphql(SOURCE, { id: source.id }, { token: world.people.PARTNER_MEMBER.token })).watchSource;
      expect(seen.shares).toEqual([
        { workspace: { id: world.workspace.id }, note: share.note, sharedAt: share.sharedAt, sharedBy: { id: world.people.CONTRIBUTOR.id }, revokedAt: null, revokedBy: null },
      ]);
      refused(await app.graphql(SOURCE, { id: source.id }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
      refused(await app.graphql(SOURCES_OF_WORKSPACE, { workspaceId: world.workspace.id }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
    });

    it('is refused when the source is already shared there (CONFLICT)', async () => {
      const source = await createSource(app, world.hostAdmin, world.host, { url: uniqueUrl(), kind: 'WEBSITE' });
      await shareSource(app, world.hostAdmin, source.id, world.workspace);
      const again = await app.graphql(
        `mutation($input: ShareWatchSourceInput!) { shareWatchSource(input: $input) { id } }`,
        { input: { sourceId: source.id, workspaceId: world.workspace.id } },
        { token: world.people.EDITOR.token },
      );
      refused(again, 'CONFLICT');
    });

    it('needs a member acting in the workspace for the owning organization, with a role that shares', async () => {
      const share = `mutation($input: ShareWatchSourceInput!) { shareWatchSource(input: $input) { id } }`;
      const source = await createSource(app, world.hostAdmin, world.host, { url: uniqueUrl(), kind: 'WEBSITE' });
      const input = { sourceId: source.id, workspaceId: world.workspace.id };
      refused(await app.graphql(share, { input }, { token: world.people.OBSERVER.token }), 'FORBIDDEN');
      refused(await app.graphql(share, { input }, { token: world.people.PARTNER_MEMBER.token }), 'NOT_FOUND');

      // A member of the host organization who is not in the workspace cannot share into it.
      const stranger = await registerUser(app);
      await addOrganizationMember(app, world.hostAdmin, world.host, stranger);
      refused(await app.graphql(share, { input }, { token: stranger.token }), 'NOT_FOUND');

      // Once shared, the partner sees the source but may not share another organization's source.
      await shareSource(app, world.hostAdmin, source.id, world.workspace);
      const other = await createWorkspace(app, world.hostAdmin, world.host);
      await addPartner(app, world.hostAdmin, other, world.partner, world.partnerAdmin);
      await addWorkspaceMember(app, world.hostAdmin, other, world.people.PARTNER_MEMBER, world.partner, 'OWNER');
      refused(await app.graphql(share, { input: { ...input, workspaceId: other.id } }, { token: world.people.PARTNER_MEMBER.token }), 'FORBIDDEN');
    });

    it("lets a partner share its own organization's sources", async () => {
      const source = await createSource(app, world.people.PARTNER_MEMBER, world.partner, { url: uniqueUrl(), kind: 'WEBSITE' });
      await shareSource(app, world.people.PARTNER_MEMBER, source.id, world.workspace, 'De Québec');
      expect(await visibleIds(world.people.OBSERVER)).toContain(source.id);
    });
  });

  describe('unsharing', () => {
    it("by the workspace's managers, for any partner's source: the share stays as history, the source leaves the workspace", async () => {
      const source = await createSource(app, world.people.PARTNER_MEMBER, world.partner, { url: uniqueUrl(), kind: 'WEBSITE' });
      await shareSource(app, world.people.PARTNER_MEMBER, source.id, world.workspace);
      const input = { sourceId: source.id, workspaceId: world.workspace.id };
      refused(await app.graphql(UNSHARE, { input }, { token: world.people.EDITOR.token }), 'FORBIDDEN');
      refused(await app.graphql(UNSHARE, { input }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
      expect(ok(await app.graphql(UNSHARE, { input }, { token: world.people.COORDINATOR.token })).unshareWatchSource).toBe(true);

      expect(await visibleIds(world.people.EDITOR)).not.toContain(source.id);
      refused(await app.graphql(SOURCE, { id: source.id }, { token: world.people.EDITOR.token }), 'NOT_FOUND');
      // The owning organization still sees it, and who took it back.
      const owned = ok(await app.graphql(SOURCE, { id: source.id }, { token: world.people.PARTNER_MEMBER.token })).watchSource;
      expect(owned.shares).toHaveLength(1);
      expect(owned.shares[0]).toMatchObject({ revokedBy: { id: world.people.COORDINATOR.id }, sharedBy: { id: world.people.PARTNER_MEMBER.id } });
      expect(owned.shares[0].revokedAt).not.toBeNull();
      // Not shared any more: a second unshare finds nothing.
      refused(await app.graphql(UNSHARE, { input }, { token: world.people.PARTNER_MEMBER.token }), 'NOT_FOUND');
      // Sharing again makes a new share.
      await shareSource(app, world.people.PARTNER_MEMBER, source.id, world.workspace, 'Encore');
      const again = ok(await app.graphql(SOURCE, { id: source.id }, { token: world.people.PARTNER_MEMBER.token })).watchSource;
      expect(again.shares.map((share: any) => share.note)).toEqual([null, 'Encore']);
    });

    it('by whoever may share it for the owning organization', async () => {
      const source = await createSource(app, world.people.EDITOR, world.host, { url: uniqueUrl(), kind: 'WEBSITE' });
      await shareSource(app, world.people.EDITOR, source.id, world.workspace);
      const input = { sourceId: source.id, workspaceId: world.workspace.id };
      refused(await app.graphql(UNSHARE, { input }, { token: world.people.OBSERVER.token }), 'FORBIDDEN');
      refused(await app.graphql(UNSHARE, { input }, { token: world.people.PARTNER_MEMBER.token }), 'FORBIDDEN');
      ok(await app.graphql(UNSHARE, { input }, { token: world.people.CONTRIBUTOR.token }));
    });

    it('writes an audit event for every share and unshare', async () => {
      const source = await createSource(app, world.hostAdmin, world.host, { url: uniqueUrl(), kind: 'WEBSITE' });
      await shareSource(app, world.hostAdmin, source.id, world.workspace, 'Audité');
      ok(await app.graphql(UNSHARE, { input: { sourceId: source.id, workspaceId: world.workspace.id } }, { token: world.hostAdmin.token }));
      const events = ok(
        await app.graphql(`query($id: ID!) { auditEvents(workspaceId: $id, first: 5) { edges { node { action actorId details } } } }`, { id: world.workspace.id }, { token: world.hostAdmin.token }),
      ).auditEvents.edges.map((edge: any) => edge.node);
      expect(events.slice(0, 2)).toEqual([
        { action: 'source.unshared', actorId: world.hostAdmin.id, details: expect.objectContaining({ sourceId: source.id }) },
        { action: 'source.shared', actorId: world.hostAdmin.id, details: expect.objectContaining({ sourceId: source.id, note: 'Audité' }) },
      ]);
    });

    it('an organization that leaves the workspace takes its shared sources with it', async () => {
      const leaverAdmin = await registerUser(app);
      const leaver = await createOrganization(app, leaverAdmin);
      const workspace = await createWorkspace(app, world.hostAdmin, world.host);
      await addPartner(app, world.hostAdmin, workspace, leaver, leaverAdmin);
      await addWorkspaceMember(app, world.hostAdmin, workspace, leaverAdmin, leaver, 'EDITOR');
      const source = await createSource(app, leaverAdmin, leaver, { url: uniqueUrl(), kind: 'WEBSITE' });
      await shareSource(app, leaverAdmin, source.id, workspace);
      expect(await visibleIds(world.hostAdmin, workspace.id)).toEqual([source.id]);
      ok(
        await app.graphql(
          `mutation($input: WorkspaceOrganizationInput!) { leaveWorkspace(input: $input) { status } }`,
          { input: { workspaceId: workspace.id, organizationId: leaver.id } },
          { token: leaverAdmin.token },
        ),
      );
      expect(await visibleIds(world.hostAdmin, workspace.id)).toEqual([]);
      refused(await app.graphql(SOURCE, { id: source.id }, { token: world.hostAdmin.token }), 'NOT_FOUND');
    });
  });

  describe('watchSources', () => {
    it("lists an organization's own sources to its members only", async () => {
      const adminOfNew = await registerUser(app);
      const organization = await createOrganization(app, adminOfNew);
      const urls = [uniqueUrl(), uniqueUrl(), uniqueUrl()];
      for (const url of urls) await createSource(app, adminOfNew, organization, { url, kind: 'WEBSITE' });
      const query = `query($id: ID, $first: Int, $after: String) { watchSources(organizationId: $id, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { url } } } }`;
      const first = ok(await app.graphql(query, { id: organization.id, first: 2 }, { token: adminOfNew.token })).watchSources;
      const second = ok(await app.graphql(query, { id: organization.id, first: 2, after: first.pageInfo.endCursor }, { token: adminOfNew.token })).watchSources;
      expect(first.totalCount).toBe(3);
      expect([...first.edges, ...second.edges].map((edge: any) => edge.node.url)).toEqual([...urls].reverse());
      expect(second.pageInfo.hasNextPage).toBe(false);
      refused(await app.graphql(query, { id: organization.id }, { token: world.hostAdmin.token }), 'FORBIDDEN');
    });

    it('takes a workspace or an organization, not both', async () => {
      const response = await app.graphql(
        `query($w: ID, $o: ID) { watchSources(workspaceId: $w, organizationId: $o) { totalCount } }`,
        { w: world.workspace.id, o: world.host.id },
        { token: world.hostAdmin.token },
      );
      refused(response, 'BAD_USER_INPUT');
    });
  });

  describe('OPML', () => {
    const IMPORT = `mutation($input: ImportOpmlInput!) { importOpml(input: $input) {
      imported duplicates refused entries { title feedUrl status reason source { id url feedUrl topics title } } } }`;

    it('imports every feed and reports, entry by entry, what was imported, duplicated or refused', async () => {
      const adminOfNew = await registerUser(app);
      const organization = await createOrganization(app, adminOfNew);
      const existing = await createSource(app, adminOfNew, organization, { url: 'https://deja.example.ca/feed.xml', kind: 'RSS' });
      const opml = `<?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0"><head><title>Veille</title></head><body>
          <outline text="Numérique">
            <outline type="rss" text="Blogue &amp; co" title="Blogue &amp; co" xmlUrl="https://blogue.example.ca/feed" htmlUrl="https://blogue.example.ca/"/>
            <outline type="rss" text="Déjà là" xmlUrl="https://deja.example.ca/feed.xml?utm_source=opml"/>
          </outline>
          <outline type="rss" text="Doublon dans le fichier" xmlUrl="https://BLOGUE.example.ca/feed"/>
          <outline type="rss" text="Script" xmlUrl="javascript:alert(1)"/>
          <outline type="rss" text="FTP" xmlUrl="ftp://files.example.ca/feed"/>
          <outline type="rss" text="Atom" xmlUrl="https://atom.example.ca/atom.xml"/>
        </body></opml>`;
      const result = ok(await app.graphql(IMPORT, { input: { organizationId: organization.id, opml } }, { token: adminOfNew.token })).importOpml;
      expect(result).toMatchObject({ imported: 2, duplicates: 2, refused: 2 });
      expect(result.entries.map((entry: any) => [entry.title, entry.status])).toEqual([
        ['Blogue & co', 'IMPORTED'],
        ['Déjà là', 'DUPLICATE'],
        ['Doublon dans le fichier', 'DUPLICATE'],
        ['Script', 'REFUSED'],
        ['FTP', 'REFUSED'],
        ['Atom', 'IMPORTED'],
      ]);
      expect(result.entries[0].source).toMatchObject({ url: 'https://blogue.example.ca/', feedUrl: 'https://blogue.example.ca/feed', title: 'Blogue & co' });
      expect(result.entries[1].source.id).toBe(existing.id);
      expect(result.entries[2].source.id).toBe(result.entries[0].source.id);
      expect(result.entries[3].reason).toBeTruthy();
      expect(result.entries[3].source).toBeNull();
    });

    it('refuses what is not OPML (BAD_USER_INPUT), and is for members of the organization (FORBIDDEN)', async () => {
      refused(await app.graphql(IMPORT, { input: { organizationId: world.host.id, opml: 'pas du xml <' } }, { token: world.hostAdmin.token }), 'BAD_USER_INPUT');
      const opml = '<opml version="2.0"><body><outline type="rss" xmlUrl="https://x.example.ca/feed"/></body></opml>';
      refused(await app.graphql(IMPORT, { input: { organizationId: world.host.id, opml } }, { token: world.people.PARTNER_MEMBER.token }), 'FORBIDDEN');
    });

    it("exports an organization's or a workspace's feeds; the export imports back as the same feeds", async () => {
      const adminOfNew = await registerUser(app);
      const organization = await createOrganization(app, adminOfNew);
      await createSource(app, adminOfNew, organization, { url: 'https://un.example.ca/', feedUrl: 'https://un.example.ca/rss', kind: 'WEBSITE', title: 'Un <&> "deux"', topics: ['ia'] });
      await createSource(app, adminOfNew, organization, { url: 'https://deux.example.ca/atom.xml', kind: 'ATOM' });
      await createSource(app, adminOfNew, organization, { url: 'https://sans-flux.example.ca/', kind: 'SOCIAL_ACCOUNT' });
      const exported = ok(await app.graphql(`query($id: ID) { exportOpml(organizationId: $id) }`, { id: organization.id }, { token: adminOfNew.token })).exportOpml;
      expect(exported).toContain('<opml');

      const otherAdmin = await registerUser(app);
      const other = await createOrganization(app, otherAdmin);
      const result = ok(await app.graphql(IMPORT, { input: { organizationId: other.id, opml: exported } }, { token: otherAdmin.token })).importOpml;
      expect(result.entries.map((entry: any) => entry.status)).toEqual(['IMPORTED', 'IMPORTED']);
      expect(result.entries.map((entry: any) => entry.source.feedUrl).sort()).toEqual(['https://deux.example.ca/atom.xml', 'https://un.example.ca/rss']);
      expect(result.entries.find((entry: any) => entry.source.feedUrl === 'https://un.example.ca/rss').source).toMatchObject({
        title: 'Un <&> "deux"',
        url: 'https://un.example.ca/',
        topics: ['ia'],
      });

      const forWorkspace = ok(await app.graphql(`query($id: ID) { exportOpml(workspaceId: $id) }`, { id: world.workspace.id }, { token: world.people.OBSERVER.token })).exportOpml;
      expect(forWorkspace).toContain('<opml');
      refused(await app.graphql(`query($id: ID) { exportOpml(workspaceId: $id) }`, { id: world.workspace.id }, { token: world.people.OUTSIDER.token }), 'NOT_FOUND');
    });
  });

  it('answers every field of a source without error', async () => {
    const source = await createSource(app, world.hostAdmin, world.host, { url: uniqueUrl(), kind: 'NEWSLETTER' });
    const data = ok(await app.graphql(`query($id: ID!) { watchSource(id: $id) { ${SOURCE_FIELDS} createdAt updatedAt createdById } }`, { id: source.id }, { token: world.hostAdmin.token }));
    expect(data.watchSource).toMatchObject({ id: source.id, kind: 'NEWSLETTER', createdById: world.hostAdmin.id });
  });

  it('gives the excerpts of a page of long items (a full-text feed’s 200,000 characters each), a blank between paragraphs, without holding the event loop', async () => {
    const source = await createSource(app, world.hostAdmin, world.host, { url: uniqueUrl(), kind: 'WEBSITE' });
    const workspace = await createWorkspace(app, world.hostAdmin, world.host);
    await shareSource(app, world.hostAdmin, source.id, workspace);
    const body = `<p>Le début du texte.</p>${'<p>Un paragraphe <a href="https://example.ca/">et un lien</a>.</p>'.repeat(3300)}`.slice(0, 200_000);
    await app.dataSource.query(
      `INSERT INTO watch_item (source_id, guid, url, title, content, language, published_at, fetched_at, updated_at, content_hash)
       SELECT $1, 'long-' || n, 'https://example.ca/long/' || n, 'Long ' || n, $2, 'fr', now(), now(), now(), 'x' FROM generate_series(1, 20) n`,
      [source.id, body],
    );
    // What converting each body whole on this thread costs, in this run: the stall there would be.
    const started = performance.now();
    for (let item = 0; item < 20; item++) htmlToPlainText(body);
    const wholeMs = performance.now() - started;
    const { result: page, stallMs } = await longestStall(async () =>
      ok(await app.graphql(`query($ws: ID!) { watchItems(workspaceId: $ws, first: 20) { edges { node { excerpt } } } }`, { ws: workspace.id }, { token: world.hostAdmin.token })),
    );
    const excerpts = page.watchItems.edges.map((edge: { node: { excerpt: string } }) => edge.node.excerpt);
    expect(new Set(excerpts)).toEqual(new Set([expect.stringMatching(/^Le début du texte\. Un paragraphe et un lien\. Un paragraphe .*…$/)]));
    expect(excerpts).toHaveLength(20);
    expect(stallMs).toBeLessThan(wholeMs / 2);
  });
});
