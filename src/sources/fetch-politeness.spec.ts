import {
  cacheMaxAgeSeconds,
  pollingIntervalSeconds,
  publishingIntervalSeconds,
  RETRY_AFTER_MAX_SECONDS,
  retryAfterSeconds,
  secondsUntilNextFetch,
  secondsUntilRetry,
} from './fetch-politeness';

const bounds = { minSeconds: 900, maxSeconds: 86_400, defaultSeconds: 1800 };
const now = new Date('2026-12-01T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);

describe('Cache-Control max-age', () => {
  it.each([
    ['max-age=600', 600],
    ['public, max-age=3600, must-revalidate', 3600],
    ['MAX-AGE="120"', 120],
    ['max-age=0', 0],
    ['no-cache', null],
    ['max-age=600, no-store', null],
    ['max-age=soon', null],
    [undefined, null],
  ])('%s → %s', (header, expected) => expect(cacheMaxAgeSeconds(header)).toBe(expected));
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, a past date as now', () => {
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Tue, 01 Dec 2026 13:00:00 GMT', now)).toBe(3600);
    expect(retryAfterSeconds('Tue, 01 Dec 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read, and caps what is absurd', () => {
    expect(retryAfterSeconds(undefined, now)).toBeNull();
    expect(retryAfterSeconds('later', now)).toBeNull();
    expect(retryAfterSeconds('-5', now)).toBeNull();
    expect(retryAfterSeconds('999999999', now)).toBe(RETRY_AFTER_MAX_SECONDS);
  });

  it('is waited for when longer than the back-off, never shortens it', () => {
    expect(secondsUntilRetry(300, 7200)).toBe(7200);
    expect(secondsUntilRetry(300, 10)).toBe(300);
    expect(secondsUntilRetry(300, null)).toBe(300);
  });
});

describe('how often a source publishes', () => {
  it('is the mean gap between its newest entries', () => {
    expect(publishingIntervalSeconds([hoursAgo(0.5), hoursAgo(2.5), hoursAgo(4.5)], now)).toBe(7200);
  });

  it('grows with the silence since the newest entry', () => {
    expect(publishingIntervalSeconds([hoursAgo(48), hoursAgo(49)], now)).toBe(24 * 3600);
  });

  it('is unknown with fewer than two dated entries; future dates do not count', () => {
    expect(publishingIntervalSeconds([hoursAgo(1), null], now)).toBeNull();
    expect(publishingIntervalSeconds([hoursAgo(1), new Date(now.getTime() + 3600_000)], now)).toBeNull();
    expect(publishingIntervalSeconds([], now)).toBeNull();
  });

  it('reads only the newest entries', () => {
    const daily = Array.from({ length: 30 }, (_, day) => hoursAgo((day + 1) * 24));
    const hourlyLately = [...Array.from({ length: 10 }, (_, hour) => hoursAgo(hour + 0.1)), ...daily];
    expect(publishingIntervalSeconds(hourlyLately, now)).toBe(3600);
  });
});

describe('the polling interval', () => {
  it('follows the publishing interval within 15 min .. 24 h', () => {
    expect(pollingIntervalSeconds(7200, null, bounds)).toBe(7200);
    expect(pollingIntervalSeconds(60, null, bounds)).toBe(900);
    expect(pollingIntervalSeconds(30 * 86_400, null, bounds)).toBe(86_400);
  });

  it('is the default when the publishing interval is unknown', () => {
    expect(pollingIntervalSeconds(null, null, bounds)).toBe(1800);
  });

  it('is never shorter than the feed’s <ttl>, nor beyond the maximum', () => {
    expect(pollingIntervalSeconds(900, 120, bounds)).toBe(7200);
    expect(pollingIntervalSeconds(null, 60 * 48, bounds)).toBe(86_400);
  });

  it('waits for the max-age of the response when it is longer, never beyond the maximum', () => {
    expect(secondsUntilNextFetch(1800, 7200, bounds)).toBe(7200);
    expect(secondsUntilNextFetch(1800, 60, bounds)).toBe(1800);
    expect(secondsUntilNextFetch(1800, null, bounds)).toBe(1800);
    expect(secondsUntilNextFetch(1800, 10 * 86_400, bounds)).toBe(86_400);
  });
});
