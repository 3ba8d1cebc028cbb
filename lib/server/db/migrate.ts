import "server-only";

import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";

import postgres from "postgres";

// Applies prisma/migrations/*/migration.sql the way `prisma migrate deploy` does, so that the
// app can migrate on machines where Prisma's native engine cannot be downloaded, and so that
// the CLI and the app agree everywhere: the same `_prisma_migrations` table and columns, the
// same sha256 checksum of the file, and the same advisory lock key, so two instances (or an
// instance and the CLI) starting at once apply each migration exactly once.

const PRISMA_ADVISORY_LOCK = 72707369; // the key prisma migrate takes

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export function migrationsDirectory(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

export function listMigrations(
  dir = migrationsDirectory(),
): Array<{ name: string; sql: string; checksum: string }> {
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function applyMigrations(
  databaseUrl: string,
  options: { dir?: string; log?: (message: string) => void } = {},
): Promise<MigrationResult> {
  const log = options.log ?? (() => {});
  const migrations = listMigrations(options.dir);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await sql`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK})`;
    try {
      await sql.unsafe(`
        CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
          "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
          "checksum"            VARCHAR(64) NOT NULL,
          "finished_at"         TIMESTAMPTZ,
          "migration_name"      VARCHAR(255) NOT NULL,
          "logs"                TEXT,
          "rolled_back_at"      TIMESTAMPTZ,
          "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
          "applied_steps_count" INTEGER NOT NULL DEFAULT 0
        )`);
      const rows = await sql<
        Array<{
          migration_name: string;
          checksum: string;
          finished_at: Date | null;
          rolled_back_at: Date | null;
        }>
      >`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`;

      const failed = rows.find((row) => !row.finished_at && !row.rolled_back_at);
      if (failed) {
        throw new Error(
          `Migration ${failed.migration_name} failed earlier and was never resolved. Fix the database, ` +
            `then mark it with \`prisma migrate resolve\` (see docs/deploy.md) before starting again.`,
        );
      }
      const done = new Map(
        rows.filter((row) => row.finished_at).map((row) => [row.migration_name, row]),
      );
      for (const name of done.keys()) {
        if (!migrations.some((migration) => migration.name === name)) {
          log(
            `warning: migration ${name} is applied in the database but missing from ${options.dir ?? "prisma/migrations"}`,
          );
        }
      }

      const applied: string[] = [];
      for (const migration of migrations) {
        const previous = done.get(migration.name);
        if (previous) {
          if (previous.checksum !== migration.checksum) {
            log(`warning: migration ${migration.name} was modified after it was applied`);
          }
          continue;
        }
        const id = randomUUID();
        await sql.begin(async (tx) => {
          await tx`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
                   VALUES (${id}, ${migration.checksum}, ${migration.name}, now(), 0)`;
          await tx.unsafe(migration.sql);
          await tx`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = ${id}`;
        });
        log(`applied migration ${migration.name}`);
        applied.push(migration.name);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await sql`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK})`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
