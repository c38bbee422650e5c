/** Query parameters that track a click, not name a page. */
const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|igshid|yclid|ref_src)$/i;

/**
 * The canonical form of a source's address, so that one site is registered once: http(s) only,
 * lower-case scheme and host (IDN as punycode), no default port, no fragment, no tracking
 * parameters, remaining parameters sorted, no trailing slash except for the root.
 */
export function normalizeSourceUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error('is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('must be an http or https URL');
  if (url.username || url.password) throw new Error('must not carry credentials');
  if (!url.hostname) throw new Error('must name a host');
  url.hash = '';
  const kept = [...url.searchParams.entries()].filter(([name]) => !TRACKING.test(name)).sort(([a, av], [b, bv]) => a.localeCompare(b) || av.localeCompare(bv));
  url.search = '';
  for (const [name, value] of kept) url.searchParams.append(name, value);
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return url.toString();
}
