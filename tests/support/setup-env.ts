import { afterAll, inject } from "vitest";

import { disconnectPrisma } from "@/lib/server/db";
import { closeExportSql } from "@/lib/server/db/sql";
import { closeLiveHub } from "@/lib/server/live/hub";

// Every integration test file talks to the run's throwaway database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "integration-tests-secret-0123456789abcdef";

afterAll(async () => {
  await closeLiveHub(); // the live events' listening connection, if a test opened it
  await disconnectPrisma();
  await closeExportSql(); // the exports' cursor pool, if a test exported
});
