import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";

import { startEmbeddedPostgres } from "@/lib/server/db/embedded";

const folders: string[] = [];
function tempDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "glossa-embedded-"));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function pgDir(dataDir: string): string {
  const note = path.join(dataDir, "location.txt");
  return existsSync(note)
    ? readFileSync(note, "utf8").match(/lives in (\S+):/)![1]!
    : path.join(dataDir, "pg");
}

async function query<T extends object>(url: string, text: string): Promise<T[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return (await sql.unsafe(text)) as unknown as T[];
  } finally {
    await sql.end();
  }
}

function holdCluster(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/support/hold-embedded.ts", dataDir],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/URL (\S+)/);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode ? resolve() : child.on("exit", () => resolve()),
  );
}

describe("embedded PostgreSQL", () => {
  it("keeps its data across a stop and a start, on a new free port", async () => {
    const dataDir = tempDataDir();
    const first = await startEmbeddedPostgres({ dataDir, log: () => {} });
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await first.stop();
    expect(existsSync(path.join(pgDir(dataDir), "postmaster.pid"))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, log: () => {} });
    try {
      expect(await query<{ v: string }>(second.url, "SELECT v FROM kept")).toEqual([
        { v: "still here" },
      ]);
    } finally {
      await second.stop();
    }
  });

  it("shares the cluster of a live Glossa process instead of starting a second one", async () => {
    const dataDir = tempDataDir();
    const holder = await holdCluster(dataDir);
    try {
      const shared = await startEmbeddedPostgres({ dataDir, log: () => {} });
      expect(shared.owned).toBe(false);
      expect(shared.url).toBe(holder.url);
      await query(shared.url, "SELECT 1");
      await shared.stop(); // not ours: must leave it running
      await query(holder.url, "SELECT 1");
    } finally {
      holder.child.kill("SIGTERM");
      await exited(holder.child);
    }
    expect(existsSync(path.join(pgDir(dataDir), "postmaster.pid"))).toBe(false);
  });

  it("recovers from a Glossa process killed with SIGKILL: stops the orphan and starts again", async () => {
    const dataDir = tempDataDir();
    const holder = await holdCluster(dataDir);
    await query(holder.url, "CREATE TABLE survived (v int); INSERT INTO survived VALUES (42)");
    holder.child.kill("SIGKILL");
    await exited(holder.child);
    // The orphaned postmaster still holds the data directory.
    expect(existsSync(path.join(pgDir(dataDir), "postmaster.pid"))).toBe(true);

    const messages: string[] = [];
    const cluster = await startEmbeddedPostgres({
      dataDir,
      log: (message) => messages.push(message),
    });
    try {
      expect(cluster.owned).toBe(true);
      expect(messages.join("\n")).toMatch(/left running by an earlier Glossa process/);
      expect(await query<{ v: number }>(cluster.url, "SELECT v FROM survived")).toEqual([
        { v: 42 },
      ]);
    } finally {
      await cluster.stop();
    }
  });
});

const asRoot = userInfo().uid === 0;
const hasRunuser = spawnSync("sh", ["-c", "command -v runuser && id -u nobody"]).status === 0;

describe.runIf(asRoot)("embedded PostgreSQL as root", () => {
  it("moves the cluster where the postgres user can reach it when the data folder is private", async () => {
    const privateParent = tempDataDir();
    chmodSync(privateParent, 0o700);
    const dataDir = path.join(privateParent, "data");
    mkdirSync(dataDir);
    const cluster = await startEmbeddedPostgres({ dataDir, log: () => {} });
    try {
      expect(readFileSync(path.join(dataDir, "location.txt"), "utf8")).toMatch(
        /\/var\/lib\/glossa\//,
      );
      await query(cluster.url, "SELECT 1");
    } finally {
      await cluster.stop();
      rmSync(path.dirname(pgDir(dataDir)), { recursive: true, force: true });
    }
  });

  it.runIf(hasRunuser)("also runs as an ordinary user", () => {
    const dataDir = tempDataDir();
    const uid = Number(spawnSync("id", ["-u", "nobody"], { encoding: "utf8" }).stdout.trim());
    chownSync(dataDir, uid, -1);
    const result = spawnSync(
      "runuser",
      [
        "-u",
        "nobody",
        "--",
        process.execPath,
        "--conditions=react-server",
        "--import",
        "tsx",
        "scripts/run.ts",
        "migrate",
      ],
      {
        env: { ...process.env, HOME: tmpdir(), DATABASE_URL: "", GLOSSA_DATA_DIR: dataDir },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/seeded the demo workspace/);
    expect(existsSync(path.join(dataDir, "pg", "PG_VERSION"))).toBe(true);
  });
});

describe("the launcher (scripts/run.ts)", () => {
  it("migrates and seeds a new data directory once, and stops PostgreSQL when done", () => {
    const dataDir = tempDataDir();
    const run = () =>
      spawnSync(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "scripts/run.ts", "migrate"],
        {
          env: { ...process.env, DATABASE_URL: "", GLOSSA_DATA_DIR: dataDir, GLOSSA_DEMO: "" },
          encoding: "utf8",
          timeout: 60_000,
        },
      );
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/applied migration/);
    expect(first.stdout).toMatch(/seeded the demo workspace/);
    expect(first.stdout).toMatch(/created 3 demo users/);
    expect(existsSync(path.join(pgDir(dataDir), "postmaster.pid"))).toBe(false);

    const second = run();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/0 applied/);
    expect(second.stdout).not.toMatch(/seeded|created \d+ demo users/);
  });

  it("uses the server at DATABASE_URL and starts nothing", async () => {
    const name = `glossa_ext_${Math.random().toString(36).slice(2, 10)}`;
    await query(inject("adminDatabaseUrl"), `CREATE DATABASE "${name}"`);
    const url = new URL(inject("adminDatabaseUrl"));
    url.pathname = `/${name}`;
    const unusedDataDir = path.join(tempDataDir(), "never-created");
    try {
      const result = spawnSync(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "scripts/run.ts", "migrate"],
        {
          env: {
            ...process.env,
            DATABASE_URL: url.toString(),
            GLOSSA_DATA_DIR: unusedDataDir,
            GLOSSA_DEMO: "",
          },
          encoding: "utf8",
          timeout: 60_000,
        },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/using the PostgreSQL server at DATABASE_URL/);
      expect(result.stdout).not.toMatch(/embedded/);
      expect(result.stdout).not.toMatch(/demo users/);
      expect(existsSync(unusedDataDir)).toBe(false);
      const [row] = await query<{ count: number }>(
        url.toString(),
        `SELECT count(*)::int AS count FROM "Document"`,
      );
      expect(row?.count).toBe(1);
    } finally {
      await query(inject("adminDatabaseUrl"), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });

  it("refuses to serve production on DATABASE_URL without AUTH_SECRET", () => {
    const result = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/run.ts", "start"],
      {
        env: {
          ...process.env,
          DATABASE_URL: inject("adminDatabaseUrl"),
          AUTH_SECRET: "",
          GLOSSA_DATA_DIR: tempDataDir(),
        },
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/AUTH_SECRET is not set/);
  });

  it("refuses an invalid configuration with a message naming the variable", () => {
    const result = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/run.ts", "migrate"],
      {
        env: { ...process.env, DATABASE_URL: "mysql://nope", GLOSSA_DATA_DIR: tempDataDir() },
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL: must be a postgresql:\/\/ URL/);
  });
});
