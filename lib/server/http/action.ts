import "server-only";

import { refresh } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";

import type { Actor } from "@/lib/server/auth/actor";
import { currentActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { ACTION_POLICIES, type ActionName } from "@/lib/server/http/action-policies";
import { toAppError, zodDetails } from "@/lib/server/http/api-route";
import type { ErrorDetail } from "@/lib/shared/errors";

// The one wrapper for server actions: resolve the actor, enforce the action's declared access,
// run, and return failures as state for the form (the same codes and messages as the API)
// instead of throwing, so that the form keeps what the person typed.

export type ActionFailure = { ok: false; code: string; message: string; details?: ErrorDetail[] };
export type ActionResult<T = undefined> =
  ({ ok: true } & (T extends undefined ? object : { data: T })) | ActionFailure;

type ActorFor<N extends ActionName> = (typeof ACTION_POLICIES)[N]["access"] extends "public"
  ? Actor | null
  : Actor;

export async function runAction<N extends ActionName, T>(
  name: N,
  body: (actor: ActorFor<N>) => Promise<T>,
): Promise<{ ok: true; data: T } | ActionFailure> {
  try {
    const actor = await currentActor();
    if (!actor && ACTION_POLICIES[name].access !== "public") {
      throw new AppError("unauthorized", "Your session has ended: sign in again");
    }
    const data = await body(actor as ActorFor<N>);
    refreshPage();
    return { ok: true, data };
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() are not failures
    return failureOf(error);
  }
}

function refreshPage(): void {
  try {
    refresh();
  } catch {
    // Outside a request (tests): nothing to refresh.
  }
}

export function failureOf(error: unknown): ActionFailure {
  const appError = toAppError(error);
  return { ok: false, code: appError.code, message: appError.message, details: appError.details };
}

export function parseForm<S extends z.ZodType>(schema: S, values: unknown): z.infer<S> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const details = zodDetails(result.error);
  throw new AppError("unprocessable", details[0]?.message ?? "Check the form", details);
}
