/**
 * A map whose entries each end at their own instant, holding at most `max` of them: past it, the
 * one set longest ago goes first. For what a process may remember for a while to spare work, and
 * must not remember past its end nor without bound.
 */
export class ExpiringMap<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();

  constructor(private readonly max: number) {}

  /** The value, while its instant has not come. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Keeps `value` until `until` (milliseconds since the epoch). */
  set(key: K, value: V, until: number): void {
    // Re-inserted at the end: the Map's order is the order of setting, so the first is the one to drop.
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, until });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
