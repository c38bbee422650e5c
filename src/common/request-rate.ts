import { ExpiringMap } from './expiring-map';

/** Clients remembered at once; one forgotten (the one seen longest ago) starts again with a full allowance. */
const MAX_CLIENTS = 50_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * How many requests each client may send a minute, as a token bucket: a client starts with a
 * minute's allowance, spends one per request, and gets it back evenly over the minute. A burst
 * up to the allowance is served at once; a steady client is held to `perMinute`. In this
 * process's memory: with several API processes each keeps its own.
 */
export class RequestRate {
  private readonly buckets = new ExpiringMap<string, Bucket>(MAX_CLIENTS);
  private readonly perMs: number;

  constructor(private readonly perMinute: number) {
    this.perMs = perMinute / 60_000;
  }

  /** Spends one request of the client's allowance: undefined when it may be sent, else the seconds until it may. */
  take(client: string): number | undefined {
    const now = Date.now();
    const tokens = this.tokensOf(client, now);
    if (tokens < 1) return this.secondsUntilOne(tokens);
    // Remembered until the bucket would be full again, when a fresh one is the same.
    const left = tokens - 1;
    this.buckets.set(client, { tokens: left, at: now }, now + Math.ceil((this.perMinute - left) / this.perMs));
    return undefined;
  }

  /** Whether the client has a request left, spending none: undefined when it has, else the seconds until it will. */
  peek(client: string): number | undefined {
    const tokens = this.tokensOf(client, Date.now());
    return tokens < 1 ? this.secondsUntilOne(tokens) : undefined;
  }

  private tokensOf(client: string, now: number): number {
    const held = this.buckets.get(client);
    return held ? Math.min(this.perMinute, held.tokens + (now - held.at) * this.perMs) : this.perMinute;
  }

  private secondsUntilOne(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
  }
}
