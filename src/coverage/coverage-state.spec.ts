import { canMove, CoverageStatus, TRANSITIONS } from './coverage-state';

const { UNASSIGNED, ASSIGNED, ACCEPTED, IN_PROGRESS, FILED, PUBLISHED, CANCELLED } = CoverageStatus;

describe('coverage transitions', () => {
  it('follow the life of a coverage', () => {
    const path = [UNASSIGNED, ASSIGNED, ACCEPTED, IN_PROGRESS, FILED, PUBLISHED];
    path.slice(1).forEach((to, index) => expect(canMove(path[index], to)).toBe(true));
  });

  it('never skip a step nor leave a final status', () => {
    expect(canMove(UNASSIGNED, IN_PROGRESS)).toBe(false);
    expect(canMove(ASSIGNED, FILED)).toBe(false);
    expect(canMove(ACCEPTED, PUBLISHED)).toBe(false);
    expect(TRANSITIONS[PUBLISHED]).toEqual([]);
    expect(TRANSITIONS[CANCELLED]).toEqual([]);
  });

  it('let anything unfinished be cancelled', () => {
    for (const from of [UNASSIGNED, ASSIGNED, ACCEPTED, IN_PROGRESS, FILED]) expect(canMove(from, CANCELLED)).toBe(true);
  });
});
