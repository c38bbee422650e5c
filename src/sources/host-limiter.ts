/**
 * At most `limit` tasks at once per host, in this process: a site with many feeds is not hit by
 * every fetch slot at the same moment. Tasks past the limit wait their turn, first come first served.
 */
export class HostLimiter {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    if ((this.running.get(host) ?? 0) >= this.limit) {
      await new Promise<void>((turn) => this.waiting.set(host, [...(this.waiting.get(host) ?? []), turn]));
    }
    this.running.set(host, (this.running.get(host) ?? 0) + 1);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  /** Tasks running for `host` now. */
  busy(host: string): number {
    return this.running.get(host) ?? 0;
  }

  private release(host: string): void {
    const left = (this.running.get(host) ?? 1) - 1;
    if (left > 0) this.running.set(host, left);
    else this.running.delete(host);
    const queue = this.waiting.get(host);
    const next = queue?.shift();
    if (queue && !queue.length) this.waiting.delete(host);
    next?.();
  }
}

/** The host a limit applies to: host and port of the URL, or the text itself when it is no URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
