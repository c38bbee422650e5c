import { performance } from 'node:perf_hooks';

/** One client sends every request of a benchmark: no limit of one caller may answer in the measured route's place. */
export const ONE_CLIENT_UNLIMITED = { GRAPHQL_HOURLY_BUDGET: '1000000000', ROUTE_REQUESTS_PER_MINUTE: '1000000000' };

/** The body of a bare route's answer, which must be a 200: a refusal measured as an answer would make a figure of nothing. */
export async function bareAnswer(answered: Promise<{ statusCode: number; body: string }>): Promise<any> {
  const response = await answered;
  if (response.statusCode !== 200) throw new Error(`The bare route answered ${response.statusCode}: ${response.body}`);
  return JSON.parse(response.body);
}

export interface Throughput {
  label: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  /** Time the main thread was busy (JavaScript, GC, I/O callbacks) per request: Node's own CPU, not the database's. */
  mainThreadMs: number;
}

export interface MeasureOptions {
  total: number;
  concurrency: number;
  warmup: number;
}

interface Sample {
  latencies: number[];
  milliseconds: number;
  activeMs: number;
}

/** `count` requests, `concurrency` at a time: their latencies, the wall time and the main thread's busy time. */
async function run(request: () => Promise<void>, count: number, concurrency: number): Promise<Sample> {
  const latencies: number[] = [];
  let next = 0;
  const utilization = performance.eventLoopUtilization();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const begin = performance.now();
        await request();
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const milliseconds = performance.now() - started;
  return { latencies, milliseconds, activeMs: performance.eventLoopUtilization(utilization).active };
}

function summarize(label: string, samples: Sample[]): Throughput {
  const latencies = samples.flatMap((sample) => sample.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, sample) => sum + sample.milliseconds, 0) / 1000;
  const activeMs = samples.reduce((sum, sample) => sum + sample.activeMs, 0);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { label, requests: latencies.length, seconds, perSecond: latencies.length / seconds, p50Ms: at(0.5), p95Ms: at(0.95), mainThreadMs: activeMs / latencies.length };
}

/**
 * Runs `request` `total` times, `concurrency` at a time, after `warmup` unmeasured runs, and
 * reports requests per second and latency percentiles. Bounded: it stops by itself.
 */
export async function measure(label: string, request: () => Promise<void>, { total, concurrency, warmup }: MeasureOptions): Promise<Throughput> {
  for (let i = 0; i < warmup; i++) await request();
  return summarize(label, [await run(request, total, concurrency)]);
}

/**
 * Measures several cases in alternating rounds (A B C A B C …), so that a machine shared with other
 * work slows them alike and their ratios stay meaningful; `total` requests per case in all.
 */
export async function compare(cases: { label: string; request: () => Promise<void> }[], { total, concurrency, warmup }: MeasureOptions, rounds = 5): Promise<Throughput[]> {
  for (const { request } of cases) for (let i = 0; i < warmup; i++) await request();
  const samples = cases.map((): Sample[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, { request }] of cases.entries()) samples[index].push(await run(request, Math.ceil(total / rounds), concurrency));
  }
  return cases.map(({ label }, index) => summarize(label, samples[index]));
}

/** Prints the cases with their ratio to the reference and, where a case has one, the goal beside it (e.g. '>= 0.6'). */
export function report(title: string, results: Throughput[], reference: Throughput, goals: Record<string, string> = {}): void {
  console.log(`\n${title}`);
  console.table(
    results.map((result) => ({
      case: result.label,
      'req/s': Math.round(result.perSecond),
      'p50 ms': result.p50Ms.toFixed(2),
      'p95 ms': result.p95Ms.toFixed(2),
      'main thread ms/req': result.mainThreadMs.toFixed(2),
      'ratio to reference': (result.perSecond / reference.perSecond).toFixed(3),
      goal: goals[result.label] ?? '',
    })),
  );
}
