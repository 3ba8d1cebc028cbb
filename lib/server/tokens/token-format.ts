import "server-only";

import { createHash, randomBytes } from "node:crypto";

// Personal access tokens: "glossa_pat_" and 32 random bytes. Only a sha256 is stored; the
// first characters are kept to tell tokens apart in a list.
export const TOKEN_PREFIX = "glossa_pat_";

export function generateToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 4) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
