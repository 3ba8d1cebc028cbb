import "server-only";

import { createHash } from "node:crypto";

import { prisma, Prisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { IMPORT_MAX_BYTES } from "@/lib/shared/export/import/limits";

import { readBodyBytes } from "./read-body";

// `Idempotency-Key` on POST: a retry with the same key and body gets the first reply and
// creates nothing new, even when it races the first request. The key row is inserted before
// the work (the unique (userId, key) index decides who runs); a racing retry waits for the
// stored reply. A 5xx is not stored, so the client can retry for real.

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const TTL_MS = 24 * 60 * 60 * 1000;
const WAIT_MS = 15_000;

export async function withIdempotency(
  request: Request,
  userId: string,
  run: () => Promise<Response>,
): Promise<Response> {
  const key = request.headers.get("idempotency-key");
  if (key === null) return run();
  if (!KEY_PATTERN.test(key))
    throw new AppError("bad_request", "Idempotency-Key must be 1 to 255 visible ASCII characters");
  const url = new URL(request.url);
  // The largest body any route takes (an import file): a bigger one is refused before it is
  // buffered whole to be hashed.
  const body = await readBodyBytes(request.clone(), IMPORT_MAX_BYTES);
  const requestHash = createHash("sha256")
    .update(`${request.method} ${url.pathname}${url.search}\n`)
    .update(body)
    .digest("hex");

  const claimed = await claim(userId, key, requestHash);
  if (!claimed) return replay(userId, key, requestHash);

  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await release(userId, key);
    throw error;
  }
  if (response.status >= 500) {
    await release(userId, key);
    return response;
  }
  const text = await response.clone().text();
  await prisma.idempotencyKey.update({
    where: { userId_key: { userId, key } },
    data: {
      status: response.status,
      responseBody: { text, contentType: response.headers.get("content-type") },
    },
  });
  return response;
}

async function claim(userId: string, key: string, requestHash: string): Promise<boolean> {
  // Expired keys may be reused.
  await prisma.idempotencyKey.deleteMany({ where: { userId, key, expiresAt: { lt: new Date() } } });
  try {
    await prisma.idempotencyKey.create({
      data: { userId, key, requestHash, expiresAt: new Date(Date.now() + TTL_MS) },
    });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return false;
    throw error;
  }
}

async function release(userId: string, key: string): Promise<void> {
  await prisma.idempotencyKey.deleteMany({ where: { userId, key, status: null } });
}

async function replay(userId: string, key: string, requestHash: string): Promise<Response> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const row = await prisma.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } });
    if (!row)
      throw new AppError(
        "conflict",
        "The first request with this Idempotency-Key failed; retry with the same key",
      );
    if (row.requestHash !== requestHash) {
      throw new AppError("unprocessable", "This Idempotency-Key was used for a different request");
    }
    if (row.status !== null) {
      const stored = row.responseBody as { text: string; contentType: string | null };
      const headers = new Headers({ "idempotent-replayed": "true", "cache-control": "no-store" });
      if (stored.contentType) headers.set("content-type", stored.contentType);
      return new Response(stored.text, { status: row.status, headers });
    }
    if (Date.now() > deadline)
      throw new AppError("conflict", "A request with this Idempotency-Key is still running");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
