import { RequestRate } from './request-rate';

describe('RequestRate', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2026, 0, 12, 9, 0, 0) }));
  afterEach(() => jest.useRealTimers());

  it('serves a burst of a minute’s allowance, then says when the next request may come', () => {
    const rate = new RequestRate(60);
    for (let request = 0; request < 60; request++) expect(rate.take('192.0.2.1')).toBeUndefined();
    expect(rate.take('192.0.2.1')).toBe(1);
    expect(rate.take('192.0.2.2')).toBeUndefined();
  });

  it('gives the allowance back evenly over the minute, never more than a minute’s', () => {
    const rate = new RequestRate(6);
    for (let request = 0; request < 6; request++) rate.take('a');
    expect(rate.take('a')).toBe(10);
    jest.advanceTimersByTime(9_000);
    expect(rate.take('a')).toBe(1);
    jest.advanceTimersByTime(1_000);
    expect(rate.take('a')).toBeUndefined();
    expect(rate.take('a')).toBe(10);
    // An hour idle gives back one minute's allowance, not sixty.
    jest.advanceTimersByTime(3_600_000);
    for (let request = 0; request < 6; request++) expect(rate.take('a')).toBeUndefined();
    expect(rate.take('a')).toBe(10);
  });
});
