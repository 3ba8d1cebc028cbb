// Glossa's launcher: `npm run dev`, `npm start` and `npm run db:migrate` all come through here.
//   1. With DATABASE_URL unset, start the embedded PostgreSQL (data in GLOSSA_DATA_DIR).
//   2. Apply every committed migration (under Prisma's advisory lock), then seed.
//   3. Run `next dev` or `next start` with DATABASE_URL pointing at the database, and stop
//      the embedded server when Next exits or we are told to stop.
// Run with `tsx --conditions=react-server` so that lib/server's `server-only` marker resolves.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { startEmbeddedPostgres, type EmbeddedCluster } from "@/lib/server/db/embedded";
import { applyMigrations } from "@/lib/server/db/migrate";
import { EnvError, parseEnv } from "@/lib/server/env";

type Mode = "dev" | "start" | "migrate";

function log(message: string): void {
  console.log(`[glossa] ${message}`);
}

async function main(): Promise<number> {
  const mode = process.argv[2] as Mode | undefined;
  if (mode !== "dev" && mode !== "start" && mode !== "migrate") {
    console.error("usage: tsx scripts/run.ts dev|start|migrate");
    return 2;
  }
  const env = parseEnv(process.env);
  // In production the secret that signs every session must be given, not invented per machine.
  if (mode === "start" && env.DATABASE_URL && !env.AUTH_SECRET) {
    throw new EnvError(
      "AUTH_SECRET is not set. In production it signs every session: set it to a long random value (openssl rand -base64 33), the same on every instance.",
    );
  }
  if (mode === "start" && !existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    console.error(
      "There is no production build yet: run `npm run build` first (or use `npm run dev`).",
    );
    return 1;
  }

  let cluster: EmbeddedCluster | null = null;
  let child: ChildProcess | null = null;
  let stopping = false;
  const stopCluster = async () => {
    const owned = cluster;
    cluster = null;
    if (owned?.owned) {
      await owned.stop();
      log("embedded PostgreSQL stopped");
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null) child.kill(signal);
    else void stopCluster().then(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = path.resolve(env.GLOSSA_DATA_DIR);
    cluster = await startEmbeddedPostgres({ dataDir, log });
    databaseUrl = cluster.url;
    log(`embedded PostgreSQL on 127.0.0.1:${cluster.port}, data in ${dataDir}`);
    process.env.GLOSSA_EMBEDDED = "1";
  } else {
    log(`using the PostgreSQL server at DATABASE_URL (${redact(databaseUrl)})`);
  }
  process.env.DATABASE_URL = databaseUrl;
  if (!env.AUTH_SECRET && mode !== "migrate") {
    process.env.AUTH_SECRET = persistedSecret(path.resolve(env.GLOSSA_DATA_DIR));
  }

  try {
    const migrated = await applyMigrations(databaseUrl, { log });
    log(
      `migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied} already in place`,
    );
    // Imported late: the Prisma client reads DATABASE_URL set above.
    const { seedDatabase } = await import("@/lib/server/seed/seed-database");
    const { demoUsersEnabled } = await import("@/lib/server/env");
    const seeded = await seedDatabase({ demoUsers: demoUsersEnabled() });
    if (seeded.seededArticle) log("seeded the demo workspace with the CSTO summit article");
    if (seeded.demoUsersCreated)
      log(`created ${seeded.demoUsersCreated} demo users (see README.md)`);
    const { disconnectPrisma } = await import("@/lib/server/db");
    await disconnectPrisma();
  } catch (error) {
    await stopCluster();
    throw error;
  }
  if (mode === "migrate") {
    await stopCluster();
    return 0;
  }
  if (stopping) {
    await stopCluster();
    return 130;
  }

  const next = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  child = spawn(process.execPath, [next, mode, "--port", String(env.PORT)], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: mode === "dev" ? "development" : "production" },
  });
  const code = await new Promise<number>((resolve) => {
    child!.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 0 : 1)));
  });
  await stopCluster();
  return code;
}

/** A generated AUTH_SECRET kept beside the embedded data, so sessions survive a restart. */
function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(33).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  log(`generated AUTH_SECRET in ${file}`);
  return secret;
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "unparseable URL";
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof EnvError || error instanceof Error ? `[glossa] ${error.message}` : error,
    );
    process.exit(1);
  },
);
