/** A place in the stream: everything at or before it has been read. */
export interface StreamCursor {
  transactionId: string;
  id: string;
}

/** Whether `event` comes after `place` in stream order, (transaction, id). */
export function comesAfter(event: StreamCursor, place: StreamCursor): boolean {
  const [mine, theirs] = [BigInt(event.transactionId), BigInt(place.transactionId)];
  return mine > theirs || (mine === theirs && BigInt(event.id) > BigInt(place.id));
}

/** Where a reader that starts at `horizon` (ActivityEventStore.horizon) begins: after every event below it. */
export function cursorBelow(horizon: string): StreamCursor {
  return { transactionId: (BigInt(horizon) - 1n).toString(), id: '9223372036854775807' };
}
