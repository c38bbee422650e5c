import { eventually } from './support/eventually';
import { entries, FeedServer, rss2 } from './support/feeds';
import { describeApp, ok } from './support/harness';
import { LiveClient, LiveSubscription, liveUrl } from './support/live';
import { createSource, listItems, refreshSource, shareSource } from './support/sources';

// The feed server starts before the app, which needs its address, and stops after it.
let server: FeedServer;
beforeAll(async () => (server = await FeedServer.start()));
afterAll(() => server.stop());

const NEW_ITEMS = `subscription($workspaceId: ID!) {
  workspaceActivity(workspaceId: $workspaceId, kinds: ["watch_item.ingested"]) { activity { kind resourceType resourceId actor { id } } } }`;

describeApp('live updates: new items of a shared source land in the workspace', { world: true, env: () => ({ FETCH_ALLOW_HOSTS: server.host }) }, ({ app, world }) => {
  let client: LiveClient;
  afterEach(async () => client?.dispose());

  const ingested = (subscription: LiveSubscription) => subscription.received.map((data) => data.workspaceActivity.activity);

  it("tells a partner's member of each new item once it is stored, by the server, and nothing for items already there", async () => {
    server.routes.set('/live-feed', { body: rss2('Veille', entries('live', 3)) });
    const source = await createSource(app, world.hostAdmin, world.host, { url: server.url('/live-feed'), kind: 'RSS' });
    await shareSource(app, world.hostAdmin, source.id, world.workspace);
    client = new LiveClient(await liveUrl(app), world.people.PARTNER_MEMBER.token);
    const subscription = await client.subscribe(app, NEW_ITEMS, { workspaceId: world.workspace.id });

    ok(await refreshSource(app, world.people.EDITOR, source.id));
    await eventually(async () => ingested(subscription).length >= 3, 'three new items told');
    const items = (await listItems(app, world.people.PARTNER_MEMBER, world.workspace, { sourceId: source.id }, { first: 10 })).edges.map((edge: any) => edge.node.id);
    expect(ingested(subscription).map((activity: any) => activity.resourceId).sort()).toEqual([...items].sort());
    expect(ingested(subscription).every((activity: any) => activity.kind === 'watch_item.ingested' && activity.resourceType === 'watch_item' && activity.actor === null)).toBe(true);

    // The same entries and one more: only the new one is told.
    server.routes.set('/live-feed', { body: rss2('Veille', entries('live', 4)) });
    ok(await refreshSource(app, world.people.EDITOR, source.id));
    await eventually(async () => ingested(subscription).length >= 4, 'the fourth item told');
    const fourth = (await listItems(app, world.people.PARTNER_MEMBER, world.workspace, { sourceId: source.id }, { first: 10 })).edges
      .map((edge: any) => edge.node.id)
      .filter((id: string) => !items.includes(id));
    expect(ingested(subscription).slice(3).map((activity: any) => activity.resourceId)).toEqual(fourth);
  });
});
