import "server-only";

import { notFound } from "next/navigation";

import { AppError } from "@/lib/server/errors";
import { idSchema } from "@/lib/shared/schemas/common";

/** Pages: a malformed id or a missing (or hidden) resource renders the 404 page. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export function pageId(raw: string): string {
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) notFound();
  return parsed.data;
}
