import "server-only";

import { getToken } from "next-auth/jwt";

import { prisma } from "@/lib/server/db";
import { authSecret } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { hashToken, TOKEN_PREFIX } from "@/lib/server/tokens/token-format";

/** Who is asking: a signed-in user, through their session cookie or a personal access token. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  via: "session" | "token";
  tokenId?: string;
}

const SESSION_COOKIE = "authjs.session-token";

/** From a request: `Authorization: Bearer <token>` first, else the session cookie. */
export async function actorFromRequest(request: Request): Promise<Actor | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match)
      throw new AppError("unauthorized", "The Authorization header must be `Bearer <token>`");
    return actorFromToken(match[1]!);
  }
  const cookies = request.headers.get("cookie") ?? "";
  if (!cookies.includes(SESSION_COOKIE)) return null;
  const secureCookie = cookies.includes(`__Secure-${SESSION_COOKIE}`);
  const jwt = await getToken({
    req: { headers: new Headers({ cookie: cookies }) },
    secret: authSecret(),
    secureCookie,
    salt: secureCookie ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE,
  });
  return actorFromSession(jwt?.sub, jwt?.sv);
}

/** A session is valid while its user exists and its version matches (a password change or
 * "sign out everywhere" bumps the version). */
export async function actorFromSession(
  userId: unknown,
  sessionVersion: unknown,
): Promise<Actor | null> {
  if (typeof userId !== "string" || typeof sessionVersion !== "number") return null;
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user || user.sessionVersion !== sessionVersion) return null;
  return { userId: user.id, name: user.name, email: user.email, via: "session" };
}

async function actorFromToken(token: string): Promise<Actor> {
  const invalid = new AppError("unauthorized", "The token is invalid, expired or revoked");
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) throw invalid;
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: true },
  });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) throw invalid;
  // Record use at most once a minute: a write per request would be waste.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return {
    userId: row.user.id,
    name: row.user.name,
    email: row.user.email,
    via: "token",
    tokenId: row.id,
  };
}
