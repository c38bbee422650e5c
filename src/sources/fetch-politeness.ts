/**
 * How often a feed may be fetched, as a good citizen of the web decides it (Miniflux and FreshRSS
 * are the reference): never before the server's Cache-Control max-age or the feed's RSS <ttl>,
 * not before a Retry-After, and otherwise as often as the source publishes, within bounds.
 * Pure: the fetch service reads the headers and the feed, these rules decide.
 */

/** The shortest and longest polling intervals, and the interval when nothing tells how often a source publishes. */
export interface PollingBounds {
  minSeconds: number;
  maxSeconds: number;
  defaultSeconds: number;
}

/** A Retry-After further away than this is a misconfigured server: it is not waited for longer. */
export const RETRY_AFTER_MAX_SECONDS = 7 * 86_400;

/** The newest entries whose dates estimate how often a source publishes. */
const RECENT_ENTRIES = 10;

/** Cache-Control's max-age in seconds; null when absent, unparseable, or when the response may not be reused (no-store). */
export function cacheMaxAgeSeconds(cacheControl: string | undefined): number | null {
  if (!cacheControl) return null;
  const directives = cacheControl.toLowerCase().split(',').map((directive) => directive.trim());
  if (directives.includes('no-store')) return null;
  const maxAge = directives.find((directive) => directive.startsWith('max-age='));
  const seconds = maxAge ? Number(maxAge.slice('max-age='.length).replace(/"/g, '')) : NaN;
  return Number.isInteger(seconds) && seconds >= 0 ? seconds : null;
}

/** Retry-After as seconds from `now`: a number of seconds or an HTTP date (a past date is 0); null when absent or unreadable. */
export function retryAfterSeconds(retryAfter: string | undefined, now: Date): number | null {
  const value = retryAfter?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Math.min(Number(value), RETRY_AFTER_MAX_SECONDS);
  // An HTTP date starts with the day's name (IMF-fixdate, RFC 850 and asctime forms alike).
  const date = /^[a-z]{3}/i.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(0, Math.ceil((date - now.getTime()) / 1000)), RETRY_AFTER_MAX_SECONDS);
}

/**
 * How often a source publishes, from its entries' dates: the mean gap between its newest entries,
 * or half the silence since the newest one when that is longer (a blog quiet for a month is not
 * polled hourly). Null with fewer than two dated entries: nothing to tell.
 */
export function publishingIntervalSeconds(dates: readonly (Date | null)[], now: Date): number | null {
  const recent = dates
    .filter((date): date is Date => !!date && date.getTime() <= now.getTime())
    .map((date) => date.getTime())
    .sort((a, b) => b - a)
    .slice(0, RECENT_ENTRIES);
  if (recent.length < 2) return null;
  const meanGap = (recent[0] - recent[recent.length - 1]) / (recent.length - 1) / 1000;
  const silence = (now.getTime() - recent[0]) / 1000;
  return Math.round(Math.max(meanGap, silence / 2));
}

/**
 * The interval a source is polled at, learned when its feed is parsed: its publishing interval
 * within the bounds (the default when unknown), never shorter than its <ttl>, never beyond the maximum.
 */
export function pollingIntervalSeconds(publishingSeconds: number | null, ttlMinutes: number | null, bounds: PollingBounds): number {
  const learned = publishingSeconds === null ? bounds.defaultSeconds : clamp(publishingSeconds, bounds.minSeconds, bounds.maxSeconds);
  return Math.min(Math.max(learned, (ttlMinutes ?? 0) * 60), bounds.maxSeconds);
}

/** After a successful fetch: the polling interval, or the response's max-age when longer, never beyond the maximum. */
export function secondsUntilNextFetch(intervalSeconds: number, maxAgeSeconds: number | null, bounds: PollingBounds): number {
  return Math.max(intervalSeconds, Math.min(maxAgeSeconds ?? 0, bounds.maxSeconds));
}

/** After a failure: the back-off, or the server's Retry-After when it asks for longer. */
export function secondsUntilRetry(backoffSeconds: number, retryAfter: number | null): number {
  return Math.max(backoffSeconds, retryAfter ?? 0);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
