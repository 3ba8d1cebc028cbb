import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// The production build served by the launcher (`npm start`) on a fresh embedded database with
// the demo users: what the browser-level benchmarks measure.

export interface BenchServer {
  base: string;
  /** The launcher's process: the server is it and its children. */
  pid: number;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function until(
  check: () => Promise<boolean>,
  ms: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function startBenchServer(): Promise<BenchServer> {
  if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    const build = spawnSync("npx", ["next", "build"], {
      stdio: "ignore",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "glossa-bench-"));
  const { startEmbeddedPostgres, freePort } = await import("@/lib/server/db/embedded");
  const { applyMigrations } = await import("@/lib/server/db/migrate");
  const cluster = await startEmbeddedPostgres({ dataDir, log: () => {} });
  process.env.DATABASE_URL = cluster.url;
  // A benchmark before this one may have parsed the environment with its own database.
  (await import("@/lib/server/env")).resetEnvCache();
  const port = await freePort();
  const server = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/run.ts", "start"],
    {
      env: {
        ...process.env,
        DATABASE_URL: cluster.url,
        PORT: String(port),
        GLOSSA_DEMO: "1",
        AUTH_SECRET: "bench-secret-bench-secret-bench-secret-42",
        NODE_ENV: "production",
      },
      stdio: "ignore",
    },
  );
  await applyMigrations(cluster.url);
  const base = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${base}/api/v1/health`)).ok, 60_000, "the server");
  return {
    base,
    pid: server.pid!,
    databaseUrl: cluster.url,
    async stop() {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
      const { disconnectPrisma } = await import("@/lib/server/db");
      await disconnectPrisma();
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in session cookie for a demo user, through next-auth's endpoints. */
export async function sessionCookie(base: string, email: string): Promise<string> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ email, password: "glossa-demo", csrfToken }),
  });
  const session = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in as ${email} failed (${signIn.status})`);
  return session;
}
