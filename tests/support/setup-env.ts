import { afterAll, inject } from "vitest";

import { disconnectPrisma } from "@/lib/server/db";

// Every integration test file talks to the run's throwaway database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "integration-tests-secret-0123456789abcdef";

afterAll(async () => {
  await disconnectPrisma();
});
