const HOUR_MS = 60 * 60 * 1000;

/** What a caller has left of its hour, as `rateLimit` shows it. */
export interface BudgetState {
  limit: number;
  remaining: number;
  resetAt: Date;
}

interface Window {
  spent: number;
  resetsAt: number;
}

/**
 * The hourly cost budget of each caller (a user, or an address for anonymous callers), in this
 * process's memory: with several API processes each keeps its own. A window opens at a caller's
 * first query and lasts an hour. The map is bounded: past `maxHolders`, ended windows are swept,
 * then the callers seen longest ago are forgotten (they start a fresh hour).
 */
export class QueryBudget {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly maxHolders = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends `cost` of the holder's hour; undefined, and nothing spent, when that is more than is left. */
  spend(holder: string, cost: number): BudgetState | undefined {
    const window = this.windowOf(holder);
    if (window.spent + cost > this.limit) return undefined;
    window.spent += cost;
    return this.stateOf(window);
  }

  /** Seconds until the holder's hour ends. */
  secondsUntilReset(holder: string): number {
    return Math.max(1, Math.ceil((this.windowOf(holder).resetsAt - this.now()) / 1000));
  }

  private windowOf(holder: string): Window {
    const now = this.now();
    let window = this.windows.get(holder);
    if (!window || window.resetsAt <= now) {
      window = { spent: 0, resetsAt: now + HOUR_MS };
      this.windows.delete(holder);
      if (this.windows.size >= this.maxHolders) this.sweep(now);
    } else {
      // Re-inserted so that the map's order is the order callers were last seen in.
      this.windows.delete(holder);
    }
    this.windows.set(holder, window);
    return window;
  }

  private sweep(now: number): void {
    for (const [holder, window] of this.windows) if (window.resetsAt <= now) this.windows.delete(holder);
    for (const holder of this.windows.keys()) {
      if (this.windows.size < this.maxHolders) break;
      this.windows.delete(holder);
    }
  }

  private stateOf(window: Window): BudgetState {
    return { limit: this.limit, remaining: this.limit - window.spent, resetAt: new Date(window.resetsAt) };
  }
}
