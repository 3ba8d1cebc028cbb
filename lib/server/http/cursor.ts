import "server-only";

import { z } from "zod";

import { AppError } from "@/lib/server/errors";

// Keyset cursors: opaque to clients, a (timestamp, id) position to the server.
const cursorSchema = z.object({ t: z.iso.datetime(), id: z.string().min(1).max(64) });
export type Cursor = { t: Date; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.t.toISOString(), id: cursor.id })).toString(
    "base64url",
  );
}

export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (!raw) return undefined;
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return { t: new Date(parsed.t), id: parsed.id };
  } catch {
    throw new AppError("bad_request", "The cursor is not one this server gave out");
  }
}
