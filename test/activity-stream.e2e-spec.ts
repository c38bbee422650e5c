import { ActivityEvent, ActivityKind, ActivityStream } from '../src/activity';
import { eventually } from './support/eventually';
import { createOrganization, registerUser } from './support/factories';
import { withServer } from './support/database';
import { describeApp, onServer } from './support/harness';
import { createWorkspace } from './support/world';

describeApp('the activity stream: what changed, once, in order, after commit', ({ app }) => {
  let stream: ActivityStream;
  let received: ActivityEvent[];
  let stop: () => void;

  beforeEach(() => {
    stream = app.app.get(ActivityStream);
    received = [];
    stop = stream.follow((event) => received.push(event));
  });
  afterEach(() => stop());

  const appendIn = (tx: Parameters<ActivityStream['append']>[0], resourceId: string) =>
    stream.append(tx, [{ kind: ActivityKind.watchItemIngested, resourceType: 'watch_item', resourceId }]);
  const newId = (): string => crypto.randomUUID();
  const receivedFor = (...ids: string[]) => received.filter((event) => ids.includes(event.resourceId)).map((event) => event.resourceId);

  it('puts every audited change through the API on the stream, with who did it and where', async () => {
    const admin = await registerUser(app);
    const organization = await createOrganization(app, admin);
    const workspace = await createWorkspace(app, admin, organization);

    await eventually(async () => received.some((event) => event.resourceId === workspace.id), 'told of the new workspace');
    const created = received.find((event) => event.resourceId === workspace.id)!;
    expect(created).toMatchObject({ kind: ActivityKind.workspaceCreated, resourceType: 'workspace', workspaceId: workspace.id, actorId: admin.id });
    expect(received.find((event) => event.resourceId === organization.id)).toMatchObject({ kind: ActivityKind.organizationCreated, organizationId: organization.id });
  });

  it('never delivers what a rolled-back transaction appended, and delivers each committed event once', async () => {
    const [rolledBack, committed] = [newId(), newId()];
    await app.dataSource
      .transaction(async (tx) => {
        await appendIn(tx, rolledBack);
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    await app.dataSource.transaction((tx) => appendIn(tx, committed));

    await eventually(async () => receivedFor(committed).length === 1, 'told of the committed change');
    // A later commit is read after the rolled-back one would have been: by then it is certainly gone.
    const later = newId();
    await app.dataSource.transaction((tx) => appendIn(tx, later));
    await eventually(async () => receivedFor(later).length === 1, 'told of the later change');
    expect(receivedFor(rolledBack, committed, later)).toEqual([committed, later]);
  });

  onServer('holds a committed event back while an older transaction runs, so none is ever skipped', async () => {
    const [marker, older, younger] = [newId(), newId(), newId()];
    await app.dataSource.transaction((tx) => appendIn(tx, marker));
    await eventually(async () => receivedFor(marker).length === 1, 'told of the marker');
    const markerId = received.find((event) => event.resourceId === marker)!.id;

    const olderTx = app.dataSource.createQueryRunner();
    await olderTx.startTransaction();
    try {
      await appendIn(olderTx.manager, older);
      // The younger transaction commits first; a reader going by event id alone would pass the older one by.
      await app.dataSource.transaction((tx) => appendIn(tx, younger));
      expect((await stream.replayAfter(markerId, 10))?.events).toEqual([]);
      await olderTx.commitTransaction();
    } finally {
      await olderTx.release();
    }

    // Readable once no older transaction runs anywhere on the server (other tests' may, for a moment).
    let replayed: string[] = [];
    await eventually(async () => (replayed = (await stream.replayAfter(markerId, 10))!.events.map((event) => event.resourceId)).length === 2, 'replayable');
    expect(replayed).toEqual([older, younger]);
    await eventually(async () => receivedFor(older, younger).length === 2, 'told of both changes');
    expect(receivedFor(older, younger)).toEqual([older, younger]);
  });

  onServer('is not held back by a transaction of another database on the same server', async () => {
    const [marker, during] = [newId(), newId()];
    await app.dataSource.transaction((tx) => appendIn(tx, marker));
    await eventually(async () => receivedFor(marker).length === 1, 'told of the marker');
    const markerId = received.find((event) => event.resourceId === marker)!.id;

    // The server's own database, not this app's: its transactions can write no event here.
    await withServer(process.env.DATABASE_URL!, async (elsewhere) => {
      await elsewhere.query('BEGIN');
      try {
        await elsewhere.query('SELECT pg_current_xact_id()');
        await app.dataSource.transaction((tx) => appendIn(tx, during));
        await eventually(async () => receivedFor(during).length === 1, 'told of the change while the other database runs a transaction');
        expect((await stream.replayAfter(markerId, 10))!.events.map((event) => event.resourceId)).toContain(during);
      } finally {
        await elsewhere.query('ROLLBACK');
      }
    });
  });

  it('replays what followed an event, and knows no event it does not hold', async () => {
    const [first, second, third] = [newId(), newId(), newId()];
    for (const id of [first, second, third]) await app.dataSource.transaction((tx) => appendIn(tx, id));
    await eventually(async () => receivedFor(first, second, third).length === 3, 'told of three changes');
    const firstId = received.find((event) => event.resourceId === first)!.id;

    expect((await stream.replayAfter(firstId, 10))!.events.filter((event) => [second, third].includes(event.resourceId)).map((event) => event.resourceId)).toEqual([second, third]);
    expect(await stream.replayAfter('999999999999', 10)).toBeNull();
    expect(await stream.replayAfter('not an id', 10)).toBeNull();
  });

  it('forgets, for replay, an event older than the replay window', async () => {
    const old = newId();
    await app.dataSource.transaction((tx) => appendIn(tx, old));
    await eventually(async () => receivedFor(old).length === 1, 'told of the change');
    const oldId = received.find((event) => event.resourceId === old)!.id;
    await app.dataSource.query(`UPDATE activity_event SET created_at = now() - interval '25 hours' WHERE id = $1`, [oldId]);

    expect(await stream.replayAfter(oldId, 10)).toBeNull();
  });
});
