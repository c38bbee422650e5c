import { parentPort, workerData } from 'node:worker_threads';

/**
 * A worker thread for the WorkerPool spec, doing what `workerData.behaviour` says. `hold` counts
 * itself alive in shared cells (alive, most alive at once, tickets) and ends when given a ticket.
 */
const { behaviour, cells } = workerData as { behaviour: 'hold' | 'hang' | 'crash' | 'exit'; cells?: SharedArrayBuffer };
const [ALIVE, MOST, TICKETS] = [0, 1, 2];

if (behaviour === 'crash') throw new Error('The fixture worker crashed');
if (behaviour === 'exit') process.exit(3);
if (behaviour === 'hang') for (;;);

const shared = new Int32Array(cells as SharedArrayBuffer);
const alive = Atomics.add(shared, ALIVE, 1) + 1;
for (let most = Atomics.load(shared, MOST); most < alive; most = Atomics.load(shared, MOST)) Atomics.compareExchange(shared, MOST, most, alive);
for (;;) {
  const tickets = Atomics.load(shared, TICKETS);
  if (tickets > 0 && Atomics.compareExchange(shared, TICKETS, tickets, tickets - 1) === tickets) break;
  if (tickets === 0) Atomics.wait(shared, TICKETS, 0);
}
Atomics.sub(shared, ALIVE, 1);
parentPort?.postMessage('done');
