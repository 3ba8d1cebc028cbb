import "server-only";

import postgres from "postgres";

import { databaseUrl } from "@/lib/server/env";

// The `postgres` client, for what Prisma is the wrong tool for: exports read through a
// server-side cursor in a read-only snapshot, so 50,000 rows stream in flat memory. A small
// pool of its own, so a long export never holds a connection the request handlers need.

export const EXPORT_POOL_SIZE = 3;

const globalForSql = globalThis as unknown as { glossaExportSql?: postgres.Sql };

export function exportSql(): postgres.Sql {
  globalForSql.glossaExportSql ??= postgres(databaseUrl(), {
    max: EXPORT_POOL_SIZE,
    idle_timeout: 30,
    onnotice: () => {},
    // Rows come back as the database wrote them; the export shapes them itself.
    transform: { undefined: null },
  });
  return globalForSql.glossaExportSql;
}

export async function closeExportSql(): Promise<void> {
  const sql = globalForSql.glossaExportSql;
  globalForSql.glossaExportSql = undefined;
  await sql?.end({ timeout: 5 });
}
