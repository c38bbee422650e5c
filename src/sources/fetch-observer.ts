import { Injectable } from '@nestjs/common';
import type { FetchResult } from './feed-fetch.service';

/** The outcome of each fetch, told to whoever listens (the metrics), so the fetcher knows nothing of them. */
@Injectable()
export class FetchObserver {
  private readonly listeners: ((result: FetchResult) => void)[] = [];

  onFetched(listener: (result: FetchResult) => void): void {
    this.listeners.push(listener);
  }

  fetched(result: FetchResult): void {
    for (const listener of this.listeners) listener(result);
  }
}
