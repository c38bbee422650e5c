/**
 * Polls `check` until it holds, for at most `timeoutMs`: for what happens on another thread or
 * in another process, instead of a fixed sleep.
 */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Still not ${what} after ${timeoutMs} ms`);
    await new Promise((next) => setTimeout(next, 20));
  }
}
