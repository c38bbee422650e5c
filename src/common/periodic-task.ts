import { Logger } from '@nestjs/common';

/**
 * Work run every so often in this process, one run at a time: a run still going when the next is
 * due lets it pass. A failed run is logged and the next one tries again; `stop` waits for the last.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly run: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  /** Every `intervalMs`; the timer keeps no process alive. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.running ??= this.run()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn(`${this.name}: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
