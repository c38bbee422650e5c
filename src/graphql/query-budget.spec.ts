import { QueryBudget } from './query-budget';

describe('QueryBudget', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = Date.UTC(2026, 0, 12, 9, 0, 0);
  });

  it('spends a holder’s hour until what is asked is more than what is left, then refuses without spending', () => {
    const budget = new QueryBudget(100, 10, clock);
    expect(budget.spend('user:a', 60)).toEqual({ limit: 100, remaining: 40, resetAt: new Date(now + 3600_000) });
    expect(budget.spend('user:a', 41)).toBeUndefined();
    expect(budget.spend('user:a', 40)?.remaining).toBe(0);
    expect(budget.spend('user:b', 100)?.remaining).toBe(0);
  });

  it('gives a whole budget back when the hour that began at the first query ends', () => {
    const budget = new QueryBudget(100, 10, clock);
    budget.spend('user:a', 100);
    now += 59 * 60_000;
    expect(budget.spend('user:a', 1)).toBeUndefined();
    expect(budget.secondsUntilReset('user:a')).toBe(60);
    now += 60_000;
    expect(budget.spend('user:a', 1)?.remaining).toBe(99);
  });

  it('stays bounded: ended hours go first, then the holders seen longest ago', () => {
    const budget = new QueryBudget(100, 3, clock);
    budget.spend('a', 100);
    budget.spend('b', 100);
    now += 30 * 60_000;
    budget.spend('c', 100);
    budget.spend('a', 0); // seen again: now the most recent
    now += 31 * 60_000; // the hours of a and b have ended, c's has not
    budget.spend('d', 100);
    budget.spend('e', 100);
    // c was kept over a and b, whose hours had ended; then c went as the one seen longest ago.
    budget.spend('f', 100);
    expect(budget.spend('c', 1)?.remaining).toBe(99);
    expect(budget.spend('e', 1)).toBeUndefined();
  });
});
