import "server-only";

import { createHash, randomBytes } from "node:crypto";

import { env } from "@/lib/server/env";

// Invite codes: 18 random bytes (144 bits, unguessable), shown once to whoever creates them;
// only their sha256 is stored.
export function generateInviteCode(): { code: string; codeHash: string } {
  const code = randomBytes(18).toString("base64url");
  return { code, codeHash: hashInviteCode(code) };
}

export function hashInviteCode(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

export function inviteUrl(code: string, origin: string | null): string {
  const base = env().GLOSSA_PUBLIC_URL ?? origin ?? `http://localhost:${env().PORT}`;
  return new URL(`/invite/${code}`, base).toString();
}
