import { createHmac, timingSafeEqual } from 'node:crypto';
import { externalLine } from '../../common/text-hygiene';

/**
 * The subscriber's side of WebSub (W3C Recommendation, 2018), without I/O: where a feed names
 * its hub, whether a hub's verification of intent is for what was asked, whether pushed content
 * is signed with the subscription's secret, and when a lease is renewed.
 */

/** The algorithms X-Hub-Signature may name (WebSub §8.1). */
const SIGNATURE_ALGORITHMS = new Set(['sha1', 'sha256', 'sha384', 'sha512']);

/** Renew a lease when this share of it is left, but at least this many seconds before it ends. */
const RENEW_AT_SHARE_LEFT = 0.1;
const RENEW_AT_LEAST_SECONDS_BEFORE = 60;

export interface HubLinks {
  hub: string | null;
  self: string | null;
}

/**
 * rel="hub" and rel="self" of an HTTP Link header (RFC 8288): `<url>; rel="hub", <url>; rel="self"`,
 * a rel possibly listing several relations. Relative URLs are resolved against `base`.
 */
export function linkHeaderHubs(header: string | undefined, base: string): HubLinks {
  const found: HubLinks = { hub: null, self: null };
  for (const match of (header ?? '').matchAll(/<([^>]*)>([^,<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s,]+))/i.exec(match[2]);
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    const url = absolute(match[1].trim(), base);
    if (!url) continue;
    if (relations.includes('hub')) found.hub ??= url;
    if (relations.includes('self')) found.self ??= url;
  }
  return found;
}

/** What a hub's verification of intent GET carries (hub.* query parameters). */
export interface IntentVerification {
  mode?: string;
  topic?: string;
  challenge?: string;
  leaseSeconds?: string;
  reason?: string;
}

export type IntentAnswer =
  | { kind: 'confirm'; challenge: string; leaseSeconds: number }
  | { kind: 'denied'; reason: string }
  /** Not what this subscription asked for: 404, and nothing changes. */
  | { kind: 'refuse' };

/**
 * The answer to a hub's verification of intent (WebSub §5.3): a subscription is confirmed when the
 * topic is the one asked for and there is a challenge to echo; the lease is the hub's, else the
 * one asked for. A hub that denies the subscription says why (§5.2), kept as one line of text.
 */
export function answerIntent(verification: IntentVerification, topicUrl: string, requestedLeaseSeconds: number): IntentAnswer {
  if (verification.mode === 'denied') return verification.topic === topicUrl ? { kind: 'denied', reason: externalLine(verification.reason ?? '', 300) || 'no reason given' } : { kind: 'refuse' };
  if (verification.mode !== 'subscribe' || verification.topic !== topicUrl || !verification.challenge) return { kind: 'refuse' };
  const granted = Number(verification.leaseSeconds);
  return { kind: 'confirm', challenge: verification.challenge, leaseSeconds: Number.isInteger(granted) && granted > 0 ? granted : requestedLeaseSeconds };
}

/** Whether X-Hub-Signature (`method=hex`) is the HMAC of the raw body with the subscription's secret. */
export function validSignature(header: string | undefined, secret: string, body: Buffer): boolean {
  const [algorithm, signature] = (header ?? '').trim().split('=', 2);
  if (!SIGNATURE_ALGORITHMS.has(algorithm?.toLowerCase()) || !signature || !/^[0-9a-f]+$/i.test(signature)) return false;
  const expected = createHmac(algorithm.toLowerCase(), secret).update(body).digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** When a lease of `leaseSeconds` that ends at `leaseExpiresAt` is renewed. */
export function renewalTime(leaseExpiresAt: Date, leaseSeconds: number): Date {
  const before = Math.max(leaseSeconds * RENEW_AT_SHARE_LEFT, Math.min(RENEW_AT_LEAST_SECONDS_BEFORE, leaseSeconds / 2));
  return new Date(leaseExpiresAt.getTime() - before * 1000);
}

function absolute(url: string, base: string): string | null {
  try {
    const resolved = new URL(url, base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.toString() : null;
  } catch {
    return null;
  }
}
