import { dueSoonNotice, isStillDueSoon } from './coverage-notices';
import { CoverageStatus } from './coverage-state';
import { Coverage } from './event.entity';

const now = new Date('2026-12-01T12:00:00Z');
const dueAt = new Date('2026-12-01T13:00:00Z');
const assignee = 'a1b2c3d4-2222-4a57-9a3c-0e4f8d1b2c3d';
const coverage = { id: '9d2c4a1e-1111-4a57-9a3c-0e4f8d1b2c3d', workspaceId: '9d2c4a1e-3333-4a57-9a3c-0e4f8d1b2c3d', status: CoverageStatus.ACCEPTED, assigneeId: assignee, dueAt } as Coverage;

describe('a coverage due soon', () => {
  it('is told once per assignee and due time', () => {
    const first = dueSoonNotice({ ...coverage, assigneeId: assignee, dueAt });
    expect(first.onceKey).toBe(`coverage.due_soon:${coverage.id}:${assignee}:2026-12-01T13:00:00.000Z`);
    expect(dueSoonNotice({ ...coverage, assigneeId: 'another', dueAt }).onceKey).not.toBe(first.onceKey);
    expect(dueSoonNotice({ ...coverage, assigneeId: assignee, dueAt: new Date('2026-12-01T14:00:00Z') }).onceKey).not.toBe(first.onceKey);
  });

  it('still holds while it is the assignee’s, open and not past due', () => {
    expect(isStillDueSoon(coverage, assignee, now)).toBe(true);
    expect(isStillDueSoon(coverage, 'another', now)).toBe(false);
    expect(isStillDueSoon({ ...coverage, status: CoverageStatus.FILED }, assignee, now)).toBe(false);
    expect(isStillDueSoon({ ...coverage, status: CoverageStatus.CANCELLED }, assignee, now)).toBe(false);
    expect(isStillDueSoon(coverage, assignee, new Date('2026-12-01T13:00:01Z'))).toBe(false);
  });
});
