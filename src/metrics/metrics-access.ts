import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Metrics are readable only with METRICS_TOKEN as a bearer token; without one configured, by nobody.
 * The caller's address is not trusted instead: behind a reverse proxy on the same host, everyone
 * looks local.
 */
export function mayReadMetrics(metricsToken: string | undefined, authorization: string | undefined): boolean {
  if (!metricsToken) return false;
  const [scheme, token] = authorization?.split(' ') ?? [];
  return scheme?.toLowerCase() === 'bearer' && !!token && timingSafeEqual(digest(token), digest(metricsToken));
}
