import { performance } from 'node:perf_hooks';

export interface Throughput {
  label: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
}

/**
 * Runs `request` `total` times, `concurrency` at a time, after `warmup` unmeasured runs, and
 * reports requests per second and latency percentiles. Bounded: it stops by itself.
 */
export async function measure(
  label: string,
  request: () => Promise<void>,
  { total, concurrency, warmup }: { total: number; concurrency: number; warmup: number },
): Promise<Throughput> {
  for (let i = 0; i < warmup; i++) await request();
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const begin = performance.now();
        await request();
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { label, requests: total, seconds, perSecond: total / seconds, p50Ms: at(0.5), p95Ms: at(0.95) };
}

export function report(title: string, results: Throughput[], reference: Throughput): void {
  console.log(`\n${title}`);
  console.table(
    results.map((result) => ({
      case: result.label,
      'req/s': Math.round(result.perSecond),
      'p50 ms': result.p50Ms.toFixed(2),
      'p95 ms': result.p95Ms.toFixed(2),
      'ratio to reference': (result.perSecond / reference.perSecond).toFixed(3),
    })),
  );
}
