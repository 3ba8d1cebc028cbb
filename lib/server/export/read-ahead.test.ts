import type postgres from "postgres";
import { describe, expect, it } from "vitest";

import { readAhead } from "./read-ahead";

// The `postgres` client's cursor iterator, as it behaves: one fetch in flight at a time, a
// plain object (not a promise) from next() once the query has finished, and return() closing
// the cursor.
function fakeCursor(batches: number[][], options: { finishedEarly?: boolean } = {}) {
  const log: string[] = [];
  let index = 0;
  let inFlight = false;
  const iterator = {
    next() {
      if (inFlight) throw new Error("two fetches in flight");
      if (index >= batches.length) {
        log.push("finished");
        return options.finishedEarly ? { done: true } : Promise.resolve({ done: true });
      }
      inFlight = true;
      const batch = batches[index++]!;
      log.push(`fetch ${index}`);
      return new Promise((resolve) =>
        setTimeout(() => {
          inFlight = false;
          resolve({ value: batch, done: false });
        }, 1),
      );
    },
    return() {
      log.push("closed");
      return Promise.resolve({ done: true });
    },
  };
  const statement = {
    cursor: () => ({ [Symbol.asyncIterator]: () => iterator }),
  } as unknown as postgres.PendingQuery<Array<{ n: number }>>;
  return { statement, log };
}

describe("readAhead", () => {
  it("yields every row in order, fetching the next batch while this one is read", async () => {
    const { statement, log } = fakeCursor([[1, 2], [3, 4], [5]]);
    const seen: unknown[] = [];
    for await (const row of readAhead(statement as never)) {
      seen.push(row);
      if (seen.length === 1) expect(log).toContain("fetch 2"); // asked before row 2 is read
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it("copes with a finished cursor answering next() without a promise", async () => {
    const { statement } = fakeCursor([[1], [2]], { finishedEarly: true });
    const seen: unknown[] = [];
    for await (const row of readAhead(statement as never)) seen.push(row);
    expect(seen).toEqual([1, 2]);
  });

  it("stopping early lets the fetch in flight land, then closes the cursor", async () => {
    const { statement, log } = fakeCursor([[1, 2], [3, 4], [5]]);
    for await (const row of readAhead(statement as never)) if ((row as unknown) === 1) break;
    expect(log).toEqual(["fetch 1", "fetch 2", "closed"]);
  });
});
