import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import postgres from "postgres";
import type { TestProject } from "vitest/node";

import { startEmbeddedPostgres } from "@/lib/server/db/embedded";
import { applyMigrations } from "@/lib/server/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
  }
}

// One throwaway database per run: on the server named by DATABASE_URL when it is set (the
// role needs CREATEDB), else in a fresh embedded PostgreSQL cluster in a temporary folder.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cleanups: Array<() => Promise<void>> = [];
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "glossa-test-"));
    const cluster = await startEmbeddedPostgres({ dataDir, log: () => {} });
    adminUrl = cluster.url;
    cleanups.push(async () => {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
  }
  const name = `glossa_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  cleanups.unshift(async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  project.provide("databaseUrl", url.toString());
  project.provide("adminDatabaseUrl", adminUrl);
  return async () => {
    for (const cleanup of cleanups) await cleanup();
  };
}
