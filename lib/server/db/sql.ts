import "server-only";

import postgres from "postgres";

import { databaseUrl } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";

// The `postgres` client, for what Prisma is the wrong tool for: exports read through a
// server-side cursor in a read-only snapshot, so 50,000 rows stream in flat memory. A small
// pool of its own, so a long export never holds a connection the request handlers need.

/** Exports streaming at once per instance; the pool has one more connection for counts. */
export const EXPORT_STREAMS = 3;
export const EXPORT_POOL_SIZE = EXPORT_STREAMS + 1;

const globalForSql = globalThis as unknown as { glossaExportSql?: postgres.Sql };

export function exportSql(): postgres.Sql {
  globalForSql.glossaExportSql ??= postgres(databaseUrl(), {
    max: EXPORT_POOL_SIZE,
    idle_timeout: 30,
    onnotice: () => {},
    // Rows come back as the database wrote them; the export shapes them itself.
    transform: { undefined: null },
    connection: {
      // A download whose reader stopped reading for this long gives its connection (and its
      // snapshot, which holds back vacuum) back; one query never runs longer than this.
      idle_in_transaction_session_timeout: EXPORT_IDLE_TIMEOUT_MS,
      statement_timeout: 120_000,
    },
  });
  return globalForSql.glossaExportSql;
}

export const EXPORT_IDLE_TIMEOUT_MS = 5 * 60_000;
const RESERVE_WAIT_MS = 10_000;

// At most EXPORT_STREAMS exports hold a connection at once; the pool's last connection stays
// free for short queries (an export's count), so a preview never waits behind downloads.
let streaming = 0;
const waiting: Array<() => void> = [];

/** A connection of the export pool for one export's snapshot, or 503 when every slot has been
 * taken for longer than a few seconds (each is someone's download in progress). Release it
 * with `release()` on what this returns: it frees the slot too. */
export async function reserveExportConnection(): Promise<postgres.ReservedSql> {
  if (streaming >= EXPORT_STREAMS) {
    const granted = await new Promise<boolean>((resolve) => {
      const grant = () => resolve(true);
      waiting.push(grant);
      setTimeout(() => {
        const at = waiting.indexOf(grant);
        if (at >= 0) {
          waiting.splice(at, 1);
          resolve(false);
        }
      }, RESERVE_WAIT_MS).unref?.();
    });
    if (!granted)
      throw new AppError(
        "unavailable",
        "Too many exports are running; try again in a minute",
        undefined,
        { "retry-after": "30" },
      );
  } else streaming += 1;
  let connection: postgres.ReservedSql;
  try {
    connection = await exportSql().reserve();
  } catch (error) {
    freeSlot();
    throw error;
  }
  const release = connection.release.bind(connection);
  let released = false;
  connection.release = () => {
    if (released) return;
    released = true;
    release();
    freeSlot();
  };
  return connection;
}

/** A finished export hands its slot to the next in line, if any. */
function freeSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else streaming -= 1;
}

export async function closeExportSql(): Promise<void> {
  const sql = globalForSql.glossaExportSql;
  globalForSql.glossaExportSql = undefined;
  await sql?.end({ timeout: 5 });
}
