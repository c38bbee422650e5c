/**
 * `event(id) { conflicts }` — one person's overlapping commitments across workspaces, computed with
 * tstzrange in SQL — on an event of 6 sessions, first on an almost empty database, then once
 * 2,000 other events and 20,000 other coverages exist (200 of them the same assignee's). The
 * reference, in the same run, is `event(id) { coverage }` on the large database: a plain
 * DataLoader field. Conflicts should cost a small constant factor of it, whatever the table size.
 *
 *   npm run bench:coverage                      # embedded PostgreSQL
 *   DATABASE_URL=postgres://… npm run bench:coverage
 */
import 'reflect-metadata';
import { strictEqual } from 'node:assert';
import { addSession, assignCoverage, createEvent, planCoverage } from '../test/support/coverage';
import { ok, TestApp } from '../test/support/harness';
import { createWorld } from '../test/support/world';
import { measure, report } from './support';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);
const COVERAGE_PER_EVENT = 10;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = 8;

const CONFLICTS = `query($id: ID!) { event(id: $id) { id conflicts { assignee { id } coverage { id } overlapsWith { id } overlapStartsAt overlapEndsAt } } }`;
const COVERAGE = `query($id: ID!) { event(id: $id) { id coverage { id status assignee { id } } } }`;

async function main(): Promise<void> {
  const app = await TestApp.start({ LOG_LEVEL: 'silent' });
  try {
    const world = await createWorld(app);
    const owner = world.hostAdmin;
    const reporter = world.people.EDITOR;
    const id = await createEvent(app, owner, world.workspace.id, { startsAt: '2026-06-01T08:00', endsAt: '2026-06-01T18:00' });
    const at = (hour: number, minute: number) => `2026-06-01T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    for (let hour = 9; hour < 15; hour++) {
      // Each session runs into the next by a quarter of an hour; the reporter takes four of them.
      const session = await addSession(app, owner, id, at(hour, 0), at(hour + 1, 15));
      if (hour >= 10 && hour <= 13) ok(await assignCoverage(app, owner, await planCoverage(app, owner, id, session), reporter.id, world.host.id));
    }
    const request = (query: string) => async () => {
      const response = await app.graphql(query, { id }, { token: owner.token });
      if (response.errors) throw new Error(JSON.stringify(response.errors));
    };
    const conflictsNow = async () => ok(await app.graphql(CONFLICTS, { id }, { token: owner.token })).event.conflicts.length;
    const options = { total: REQUESTS, concurrency: CONCURRENCY, warmup: 30 };

    const expected = await conflictsNow();
    strictEqual(expected, 6, 'three overlapping pairs, seen from each side');
    const small = await measure('conflicts, empty database', request(CONFLICTS), options);
    await seed(app, world.workspace.id, owner.id, reporter.id, [owner.id, world.people.COORDINATOR.id, world.people.CONTRIBUTOR.id, world.people.PARTNER_MEMBER.id]);
    strictEqual(await conflictsNow(), expected, 'the noise must not add conflicts');
    const reference = await measure('coverage field (reference), large database', request(COVERAGE), options);
    const large = await measure(`conflicts, ${EVENTS * COVERAGE_PER_EVENT} other coverages`, request(CONFLICTS), options);
    report(`event { conflicts } (${process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PostgreSQL'})`, [reference, small, large], reference);
  } finally {
    await app.stop();
  }
}

/**
 * Other events, one a day before the measured one, each with coverage committed by other people,
 * and one a day of the reporter's own at a time that never overlaps the measured event.
 */
async function seed(app: TestApp, workspaceId: string, ownerId: string, reporterId: string, others: string[]): Promise<void> {
  const sql = (query: string, params: unknown[] = []) => app.dataSource.query(query, params);
  await sql(
    `INSERT INTO event (workspace_id, title_fr, title_en, kind, starts_at, ends_at, time_zone, status, created_by_id)
     SELECT $1::uuid, 'Événement ' || n, 'Event ' || n, 'CONFERENCE', timestamptz '2026-05-31 12:00Z' - make_interval(days => n),
            timestamptz '2026-05-31 20:00Z' - make_interval(days => n), 'America/Toronto', 'CONFIRMED', $2::uuid
       FROM generate_series(1, $3) n`,
    [workspaceId, ownerId, EVENTS],
  );
  await sql(
    `INSERT INTO coverage (workspace_id, event_id, channel, status, assignee_id, assignee_organization_id, created_by_id)
     SELECT e.workspace_id, e.id, 'PHOTO', 'ACCEPTED',
            CASE WHEN k = 1 AND e.starts_at > timestamptz '2026-05-31 12:00Z' - interval '201 days' THEN $3::uuid
                 ELSE ($4::uuid[])[1 + k % array_length($4::uuid[], 1)] END,
            NULL, $2::uuid
       FROM event e CROSS JOIN generate_series(1, $5) k
      WHERE e.workspace_id = $1 AND e.title_en LIKE 'Event %'`,
    [workspaceId, ownerId, reporterId, others, COVERAGE_PER_EVENT],
  );
  await sql('ANALYZE');
}

void main();
