import "server-only";

import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// Cross-site writes are refused: a state-changing request whose Origin is foreign or "null"
// gets 403, unless it carries a bearer token (which a browser never adds by itself). Without
// an Origin header, Sec-Fetch-Site tells; a request with neither comes from a non-browser
// client, which cannot ride on a victim's cookies.
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (/^Bearer\s/i.test(request.headers.get("authorization") ?? "")) return;
  const origin = request.headers.get("origin");
  if (origin === null) {
    const site = request.headers.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") throw crossSite();
    return;
  }
  if (origin === "null" || !allowedOrigins(request).has(origin)) throw crossSite();
}

function allowedOrigins(request: Request): Set<string> {
  const allowed = new Set<string>();
  const publicUrl = env().GLOSSA_PUBLIC_URL;
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const url = new URL(request.url);
  if (host) {
    const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
    allowed.add(`${proto}://${host}`);
  }
  allowed.add(url.origin);
  return allowed;
}

function crossSite(): AppError {
  return new AppError("forbidden", "Cross-site requests cannot change anything here");
}

/** Where this Glossa is reached, for links written into exports: GLOSSA_PUBLIC_URL when set,
 * else the host (and scheme) the request came to, as a proxy reports them. Pages pass their
 * headers; routes also their request's URL. */
export function publicBaseUrl(headers: Headers, requestUrl?: string): string {
  const publicUrl = env().GLOSSA_PUBLIC_URL;
  if (publicUrl) return publicUrl.replace(/\/+$/, "");
  const url = requestUrl ? new URL(requestUrl) : null;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? url?.host;
  const proto = headers.get("x-forwarded-proto") ?? url?.protocol.replace(":", "") ?? "http";
  return `${proto}://${host ?? `localhost:${env().PORT}`}`;
}
