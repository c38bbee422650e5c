import { canMove, CoverageStatus, isFinal, isTransition, statusesMovableTo, TRANSITIONS } from './coverage-state';

const { UNASSIGNED, ASSIGNED, ACCEPTED, IN_PROGRESS, FILED, PUBLISHED, CANCELLED } = CoverageStatus;

describe('coverage transitions', () => {
  it('follow the life of a coverage, each step by whoever takes it', () => {
    expect(canMove(UNASSIGNED, ASSIGNED, ['manager'])).toBe(true);
    expect(canMove(ASSIGNED, ACCEPTED, ['assignee'])).toBe(true);
    expect(canMove(ACCEPTED, IN_PROGRESS, ['assignee'])).toBe(true);
    expect(canMove(IN_PROGRESS, FILED, ['assignee'])).toBe(true);
    expect(canMove(FILED, PUBLISHED, ['manager'])).toBe(true);
    expect(canMove(FILED, PUBLISHED, ['publication'])).toBe(true);
  });

  it('never skip a step nor leave a final status', () => {
    expect(isTransition(UNASSIGNED, IN_PROGRESS)).toBe(false);
    expect(isTransition(ASSIGNED, FILED)).toBe(false);
    expect(isTransition(ACCEPTED, PUBLISHED)).toBe(false);
    expect(isTransition(UNASSIGNED, UNASSIGNED)).toBe(false);
    for (const to of Object.values(CoverageStatus)) {
      expect(isTransition(PUBLISHED, to)).toBe(false);
      expect(isTransition(CANCELLED, to)).toBe(false);
    }
    expect([PUBLISHED, CANCELLED].every(isFinal)).toBe(true);
    expect(Object.values(CoverageStatus).filter(isFinal)).toEqual([PUBLISHED, CANCELLED]);
  });

  it('keep to each mover its own steps', () => {
    expect(canMove(ASSIGNED, ACCEPTED, ['manager'])).toBe(false); // nobody accepts for someone else
    expect(canMove(UNASSIGNED, ASSIGNED, ['assignee'])).toBe(false);
    expect(canMove(FILED, PUBLISHED, ['assignee'])).toBe(false);
    expect(canMove(IN_PROGRESS, PUBLISHED, ['manager', 'assignee'])).toBe(false); // only its article's publication skips filing
    expect(canMove(IN_PROGRESS, PUBLISHED, ['publication'])).toBe(true);
    expect(canMove(ACCEPTED, CANCELLED, ['assignee'])).toBe(false);
    expect(canMove(ACCEPTED, CANCELLED, ['assignee', 'manager'])).toBe(true);
  });

  it('let managers cancel anything unfinished, and name what publication moves', () => {
    expect(statusesMovableTo(CANCELLED, 'manager')).toEqual([UNASSIGNED, ASSIGNED, ACCEPTED, IN_PROGRESS, FILED]);
    expect(statusesMovableTo(PUBLISHED, 'publication')).toEqual([IN_PROGRESS, FILED]);
  });

  it('name only known movers', () => {
    const movers = Object.values(TRANSITIONS).flatMap((targets) => Object.values(targets).flat());
    expect(new Set(movers)).toEqual(new Set(['manager', 'assignee', 'publication']));
  });
});
