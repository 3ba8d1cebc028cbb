import "server-only";

import { prisma } from "@/lib/server/db";

export async function checkHealth(): Promise<{ ok: boolean; db: "up" | "down" }> {
  try {
    await Promise.race([
      prisma.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000)),
    ]);
    return { ok: true, db: "up" };
  } catch {
    return { ok: false, db: "down" };
  }
}
