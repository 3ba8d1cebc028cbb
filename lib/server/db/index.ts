import "server-only";

import { PrismaPg } from "@prisma/adapter-pg";

import { databaseUrl, env } from "@/lib/server/env";

import { PrismaClient } from "./generated/client";

export { Prisma } from "./generated/client";
export type { PrismaClient } from "./generated/client";

// One client per process; in `next dev` module reloads would otherwise open a pool each time.
const globalForPrisma = globalThis as unknown as {
  glossaPrisma?: PrismaClient;
  glossaLivePrisma?: PrismaClient;
};

function createClient(max: number = env().GLOSSA_DB_POOL_SIZE): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl(), max });
  // Prisma's defaults (wait 2 s for a connection, 5 s per transaction) turn a burst of writers
  // larger than the pool into errors; under load a transaction should queue, not fail.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 20_000 } });
}

export function getPrisma(): PrismaClient {
  globalForPrisma.glossaPrisma ??= createClient();
  return globalForPrisma.glossaPrisma;
}

/** Lazily connected, so importing this module never needs a database (e.g. during `next build`). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property, receiver) {
    const client = getPrisma();
    const value = Reflect.get(client, property, receiver) as unknown;
    return typeof value === "function"
      ? (value as (...args: unknown[]) => unknown).bind(client)
      : value;
  },
});

/** The live events' own small pool: reading the event log and rendering events for
 * subscribers never queues behind a burst of requests holding the main pool. */
export function livePrisma(): PrismaClient {
  globalForPrisma.glossaLivePrisma ??= createClient(LIVE_POOL_SIZE);
  return globalForPrisma.glossaLivePrisma;
}
export const LIVE_POOL_SIZE = 3;

export async function disconnectPrisma(): Promise<void> {
  await globalForPrisma.glossaPrisma?.$disconnect();
  globalForPrisma.glossaPrisma = undefined;
  await globalForPrisma.glossaLivePrisma?.$disconnect();
  globalForPrisma.glossaLivePrisma = undefined;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
