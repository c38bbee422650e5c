/**
 * Runs `work` when woken, never twice at once: a wake while it runs makes exactly one more run
 * after it. For the loops that drain a table when something may have changed (the activity
 * stream's readers, the mail and webhook senders), whoever wakes them and however often.
 */
export class CoalescedRun {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: Error) => void,
  ) {}

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.work()
      .catch((error: Error) => this.onError(error))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** No run starts after this; resolves when the one under way, if any, has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}
