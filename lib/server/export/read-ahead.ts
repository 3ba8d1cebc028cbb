import "server-only";

import type postgres from "postgres";

/** Rows per cursor fetch: big enough that round trips do not dominate, small enough to be
 * flat memory (a batch is a few MB at most). */
export const CURSOR_ROWS = 2000;

/** The rows of a cursor, the next batch fetched while this one is written out: the database
 * and the formatter work at the same time. Stopping early lets the batch in flight land, then
 * closes the cursor (the client allows one fetch in flight, and an unclosed cursor would hold
 * the connection). */
export async function* readAhead<T extends object>(
  statement: postgres.PendingQuery<T[]>,
): AsyncGenerator<T> {
  const iterator = statement.cursor(CURSOR_ROWS)[Symbol.asyncIterator]();
  // A rejection while the consumer holds the rows is handled where it is awaited, not reported
  // as unhandled in between.
  // (A finished cursor answers next() with a plain object, not a promise.)
  const ahead = () => {
    const promise = Promise.resolve(iterator.next());
    promise.catch(() => {});
    return promise;
  };
  let pending = ahead();
  let finished = false;
  try {
    for (;;) {
      const batch = await pending;
      if (batch.done) {
        finished = true;
        return;
      }
      pending = ahead();
      for (const row of batch.value) yield row;
    }
  } finally {
    if (!finished) {
      try {
        if (!(await pending).done) await iterator.return?.();
      } catch {
        // the query failed: nothing left open
      }
    }
  }
}
