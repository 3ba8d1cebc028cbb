import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";

import { generateToken } from "./token-format";

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

function present(row: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}): TokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** A new personal access token. The token itself is in this reply only. */
export async function createToken(
  actor: Actor,
  input: { name: string; expiresInDays?: number | null },
): Promise<TokenView & { token: string }> {
  const { token, tokenHash, prefix } = generateToken();
  const row = await prisma.apiToken.create({
    data: {
      userId: actor.userId,
      name: input.name,
      tokenHash,
      prefix,
      expiresAt: input.expiresInDays
        ? new Date(Date.now() + input.expiresInDays * 86_400_000)
        : null,
    },
  });
  return { ...present(row), token };
}

export async function listTokens(actor: Actor): Promise<TokenView[]> {
  const rows = await prisma.apiToken.findMany({
    where: { userId: actor.userId },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(present);
}

/** Revokes one of the actor's tokens; another user's token id answers 404. */
export async function revokeToken(actor: Actor, tokenId: string): Promise<void> {
  const result = await prisma.apiToken.updateMany({
    where: { id: tokenId, userId: actor.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (
    result.count === 0 &&
    !(await prisma.apiToken.count({ where: { id: tokenId, userId: actor.userId } }))
  ) {
    throw notFound("Token not found");
  }
}
