import { performance } from 'node:perf_hooks';

/**
 * The longest the event loop went without turning while `work` ran, in milliseconds: what any other
 * caller waited at most. Measured by a timer's turns, the stall that ends with the work included.
 */
export async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let longest = 0;
  const turn = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  };
  const ticks = setInterval(turn, 5);
  try {
    const result = await work();
    turn();
    return { result, stallMs: longest };
  } finally {
    clearInterval(ticks);
  }
}
