import "server-only";

import { prisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

// Throttles live in PostgreSQL so that every instance counts the same attempts. A bucket is a
// sliding window: the hits younger than the window are counted.

export const THROTTLE_LIMIT = 10;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

export type Bucket = string;

export const buckets = {
  signInEmail: (email: string) => `signin:email:${email.trim().toLowerCase()}`,
  signInIp: (ip: string) => `signin:ip:${ip}`,
  signUpIp: (ip: string) => `signup:ip:${ip}`,
  tokenUser: (userId: string) => `token:user:${userId}`,
  tokenIp: (ip: string) => `token:ip:${ip}`,
};

/** Seconds until the caller may try again, or 0 when no bucket is full. */
export async function retryAfterSeconds(keys: Bucket[], now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const rows = await prisma.throttleHit.groupBy({
    by: ["bucket"],
    where: { bucket: { in: keys }, createdAt: { gt: since } },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  let wait = 0;
  for (const row of rows) {
    if (row._count._all < THROTTLE_LIMIT) continue;
    // Full: the window frees a slot when its oldest hit ages out. (Approximate when more than
    // LIMIT hits were recorded concurrently; it then errs on the side of waiting longer.)
    const oldest = row._min.createdAt ?? now;
    wait = Math.max(
      wait,
      Math.ceil((oldest.getTime() + THROTTLE_WINDOW_MS - now.getTime()) / 1000),
    );
  }
  return Math.max(0, wait);
}

/** Throws 429 with Retry-After when any of the buckets is full. */
export async function assertNotThrottled(keys: Bucket[], what: string): Promise<void> {
  const wait = await retryAfterSeconds(keys);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new AppError(
      "rate_limited",
      `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      undefined,
      { "retry-after": String(wait) },
    );
  }
}

export async function recordHit(keys: Bucket[]): Promise<void> {
  await prisma.throttleHit.createMany({ data: keys.map((bucket) => ({ bucket })) });
  // Keep the table small: forget hits older than the window, now and then.
  if (Math.random() < 0.02) {
    await prisma.throttleHit.deleteMany({
      where: { createdAt: { lt: new Date(Date.now() - THROTTLE_WINDOW_MS) } },
    });
  }
}

/** The client's address as the nearest proxy reports it (first X-Forwarded-For entry). */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "local";
}
