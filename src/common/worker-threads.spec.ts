import { join } from 'node:path';
import { eventually } from '../../test/support/eventually';
import { WorkerPool, WorkerTimeoutError } from './worker-threads';

const FIXTURE = join(__dirname, 'worker-threads.fixture-worker');
const LIMITS = { timeoutMs: 30_000, heapMb: 64 };
const [ALIVE, MOST, TICKETS] = [0, 1, 2];

/** The fixture's shared cells, with `tickets` given in advance. */
function cellsWith(tickets: number): SharedArrayBuffer {
  const cells = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  new Int32Array(cells)[TICKETS] = tickets;
  return cells;
}

/** A task that ends as soon as it starts. */
const endsAtOnce = () => ({ behaviour: 'hold', cells: cellsWith(1) });

describe('WorkerPool', () => {
  it('runs at most `size` threads at once; the others wait their turn and each gets it', async () => {
    const pool = new WorkerPool(2);
    const cells = cellsWith(0);
    const shared = new Int32Array(cells);
    const tasks = Array.from({ length: 5 }, () => pool.run<string>(__filename, FIXTURE, { behaviour: 'hold', cells }, LIMITS));
    for (let left = 5; left > 0; left--) {
      // As one task ends, the next waiting one starts: always as many alive as the pool allows.
      await eventually(async () => Atomics.load(shared, ALIVE) === Math.min(2, left), `${Math.min(2, left)} threads alive`);
      expect(Atomics.load(shared, MOST)).toBe(2);
      Atomics.add(shared, TICKETS, 1);
      Atomics.notify(shared, TICKETS);
    }
    expect(await Promise.all(tasks)).toEqual(Array(5).fill('done'));
    expect(Atomics.load(shared, MOST)).toBe(2);
  });

  it('ends a thread that runs past its time, and gives its slot to the next task', async () => {
    const pool = new WorkerPool(1);
    const hung = pool.run(__filename, FIXTURE, { behaviour: 'hang' }, { ...LIMITS, timeoutMs: 200 });
    const next = pool.run(__filename, FIXTURE, endsAtOnce(), LIMITS);
    await expect(hung).rejects.toThrow(WorkerTimeoutError);
    await expect(next).resolves.toBe('done');
  });

  it('gives up at the deadline a task still waiting for a thread, and ends a running one then', async () => {
    const pool = new WorkerPool(1);
    const deadline = Date.now() + 300;
    const running = pool.run(__filename, FIXTURE, { behaviour: 'hang' }, { ...LIMITS, deadline });
    const waiting = pool.run(__filename, FIXTURE, { behaviour: 'hang' }, { ...LIMITS, deadline });
    await expect(waiting).rejects.toThrow('No worker thread was free in time');
    await expect(running).rejects.toThrow(WorkerTimeoutError);
    // The slot is free again: a task without a deadline runs.
    await expect(pool.run(__filename, FIXTURE, endsAtOnce(), LIMITS)).resolves.toBe('done');
  });

  it.each([
    ['throws', 'crash', 'The fixture worker crashed'],
    ['exits without answering', 'exit', 'The worker thread stopped (exit code 3)'],
  ])('rejects the task of a worker that %s, and frees its slot', async (_, behaviour, message) => {
    const pool = new WorkerPool(1);
    await expect(pool.run(__filename, FIXTURE, { behaviour }, LIMITS)).rejects.toThrow(message);
    await expect(pool.run(__filename, FIXTURE, endsAtOnce(), LIMITS)).resolves.toBe('done');
  });
});
