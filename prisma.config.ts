import { defineConfig } from "prisma/config";

// Prisma 7 reads the URL from here, not from schema.prisma. The app itself never needs this
// file at run time: it applies prisma/migrations on start-up (lib/server/db/migrate.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
