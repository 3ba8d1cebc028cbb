import "server-only";

import { randomBytes } from "node:crypto";

import { z } from "zod";

import { actorFromRequest, type Actor } from "@/lib/server/auth/actor";
import { AppError } from "@/lib/server/errors";
import { withIdempotency } from "@/lib/server/http/idempotency";
import { assertSameOrigin } from "@/lib/server/http/origin";
import { ROUTE_POLICIES, type RouteKey } from "@/lib/server/http/route-policies";
import type { ApiErrorBody, ErrorDetail } from "@/lib/shared/errors";

import { readBodyBytes } from "./read-body";

export { readBodyBytes };

// The one wrapper for /api/v1 route handlers. In order: refuse cross-site writes, resolve the
// actor (bearer token or session cookie), enforce the route's declared access, parse params,
// replay or record an Idempotency-Key, run the handler, and map every failure to the API's
// error shape without ever letting a stack trace out.

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export interface ApiContext<P, A> {
  request: Request;
  params: P;
  url: URL;
  actor: A;
}

type ActorFor<K extends RouteKey> = (typeof ROUTE_POLICIES)[K]["access"] extends "public"
  ? Actor | null
  : Actor;

export function apiRoute<
  K extends RouteKey,
  P extends z.ZodType = z.ZodObject<Record<string, never>>,
>(
  route: K,
  options: { params?: P },
  handler: (context: ApiContext<z.infer<P>, ActorFor<K>>) => Promise<Response>,
): (request: Request, context: RouteContext) => Promise<Response> {
  const policy: { access: string } = ROUTE_POLICIES[route];
  return async (request, context) => {
    try {
      assertSameOrigin(request);
      const actor = await actorFromRequest(request);
      if (!actor && policy.access !== "public") {
        throw new AppError("unauthorized", "Sign in, or send a personal access token");
      }
      const rawParams = (await context?.params) ?? {};
      const parsed = (options.params ?? z.object({})).safeParse(rawParams);
      // A malformed id can name nothing: the same answer as a missing resource.
      if (!parsed.success) throw new AppError("not_found", "Not found");
      const run = () =>
        handler({
          request,
          params: parsed.data as z.infer<P>,
          url: new URL(request.url),
          actor: actor as ActorFor<K>,
        });
      return await (request.method === "POST" && actor
        ? withIdempotency(request, actor.userId, run)
        : run());
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  headers.set("cache-control", headers.get("cache-control") ?? "no-store");
  return new Response(JSON.stringify(data), { ...init, headers });
}

export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  const body: ApiErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.details?.length) body.error.details = appError.details;
  return json(body, { status: appError.status, headers: appError.headers });
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    return new AppError("unprocessable", summarize(error), zodDetails(error));
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "P2025") return new AppError("not_found", "Not found");
  if (code === "P2002") return new AppError("conflict", "That already exists");
  if (isConnectionError(error)) {
    return new AppError("unavailable", "The database is not answering; try again shortly");
  }
  const ref = randomBytes(4).toString("hex");
  console.error(`[glossa] unhandled error (ref ${ref})`, error);
  return new AppError("internal", `Something went wrong on our side (ref ${ref})`);
}

function isConnectionError(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|P1001|P1017|DatabaseNotReachable|Can't reach database/.test(
    text,
  );
}

export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.join(".") || "(body)",
    message: issue.message,
  }));
}

function summarize(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return "Invalid input";
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : "";
  return `${where}${first.message}${more}`;
}

export function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Parses a JSON body against a schema: 415 for another content type, 400 for broken JSON,
 * 422 for JSON that breaks the schema's rules. */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes = 1024 * 1024,
): Promise<z.infer<S>> {
  if (mediaType(request) !== "application/json") {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  const bytes = await readBodyBytes(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON");
  }
  return schema.parse(value);
}

/** The query string through `schema`; 400 when it does not fit. `input` replaces the default
 * reading (one value per name) when a route takes repeated names. */
export function parseQuery<S extends z.ZodType>(
  url: URL,
  schema: S,
  input: unknown = Object.fromEntries(url.searchParams),
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError("bad_request", "Invalid query parameters", zodDetails(result.error));
  }
  return result.data;
}
