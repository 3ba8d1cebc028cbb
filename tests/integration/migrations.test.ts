import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";

import { applyMigrations, listMigrations } from "@/lib/server/db/migrate";

const admin = postgres(inject("adminDatabaseUrl"), { max: 1, onnotice: () => {} });
const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `glossa_mig_${Math.random().toString(36).slice(2, 10)}`;
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  created.push(name);
  const url = new URL(inject("adminDatabaseUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}

afterAll(async () => {
  for (const name of created) await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

describe("applyMigrations", () => {
  it("records every migration as prisma migrate deploy does, with the file's sha256", async () => {
    const url = await freshDatabase();
    const result = await applyMigrations(url);
    const migrations = listMigrations();
    expect(result.applied).toEqual(migrations.map((migration) => migration.name));

    const sql = postgres(url, { max: 1 });
    const rows = await sql<
      {
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
        applied_steps_count: number;
      }[]
    >`
      SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`;
    await sql.end();
    expect(rows).toHaveLength(migrations.length);
    for (const row of rows) {
      const file = readFileSync(
        path.join("prisma", "migrations", row.migration_name, "migration.sql"),
      );
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("is a no-op the second time", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    const again = await applyMigrations(url);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(listMigrations().length);
  });

  it("applies each migration exactly once when several instances start at once", async () => {
    const url = await freshDatabase();
    const results = await Promise.all([
      applyMigrations(url),
      applyMigrations(url),
      applyMigrations(url),
    ]);
    const appliedCounts = results.map((result) => result.applied.length).sort();
    expect(appliedCounts).toEqual([0, 0, listMigrations().length]);
    const sql = postgres(url, { max: 1 });
    const [row] = await sql<
      { count: number }[]
    >`SELECT count(*)::int AS count FROM "_prisma_migrations"`;
    await sql.end();
    expect(row?.count).toBe(listMigrations().length);
  });

  it("refuses to start over a migration that failed half-way, saying what to do", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    const sql = postgres(url, { max: 1 });
    await sql`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'y', '29990101000000_broken')`;
    await sql.end();
    await expect(applyMigrations(url)).rejects.toThrow(
      /29990101000000_broken failed earlier.*prisma migrate resolve/s,
    );
  });
});
