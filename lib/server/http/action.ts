import "server-only";

import type { z } from "zod";

import { toAppError, zodDetails } from "@/lib/server/http/api-route";
import type { ErrorDetail } from "@/lib/shared/errors";

// The one wrapper for server actions' failures: the same codes and messages as the API,
// returned as state for the form instead of thrown.
export type ActionFailure = { ok: false; code: string; message: string; details?: ErrorDetail[] };

export function failureOf(error: unknown): ActionFailure {
  const appError = toAppError(error);
  return { ok: false, code: appError.code, message: appError.message, details: appError.details };
}

export function parseForm<S extends z.ZodType>(
  schema: S,
  values: Record<string, unknown>,
): { ok: true; data: z.infer<S> } | ActionFailure {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const details = zodDetails(result.error);
  return {
    ok: false,
    code: "unprocessable",
    message: details[0]?.message ?? "Check the form",
    details,
  };
}
