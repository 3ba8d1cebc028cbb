import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";

import { POST as passwordRoute } from "@/app/api/v1/me/password/route";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { hashPassword } from "@/lib/server/auth/password";
import { prisma } from "@/lib/server/db";

import { makeUser } from "../support/factories";
import { call } from "../support/http";

const COOKIE = "authjs.session-token";

async function sessionCookie(
  userId: string,
  sessionVersion: number,
  secure = false,
): Promise<string> {
  const name = secure ? `__Secure-${COOKIE}` : COOKIE;
  const value = await encode({
    token: { sub: userId, sv: sessionVersion },
    secret: process.env.AUTH_SECRET!,
    salt: name,
  });
  return `${name}=${value}`;
}

describe("session cookies", () => {
  it("identify their user, over http and https cookie names", async () => {
    const user = await makeUser();
    for (const secure of [false, true]) {
      const response = await call(meRoute, {
        headers: { cookie: await sessionCookie(user.id, 0, secure) },
      });
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(user.id);
    }
  });

  it("stop working after a password change, which ends every session", async () => {
    const user = await makeUser({ passwordHash: await hashPassword("the old password") });
    const cookie = await sessionCookie(user.id, 0);
    const changed = await call(passwordRoute, {
      method: "POST",
      json: { currentPassword: "the old password", newPassword: "the new password" },
      headers: { cookie, origin: "http://localhost" },
      url: "http://localhost/api/v1/me/password",
    });
    expect(changed.status).toBe(200);
    expect((await call(meRoute, { headers: { cookie } })).status).toBe(401);
    expect(
      (await call(meRoute, { headers: { cookie: await sessionCookie(user.id, 1) } })).status,
    ).toBe(200);
    // Tokens are not sessions: they keep working.
    expect((await call(meRoute, { headers: user.auth })).status).toBe(200);
  });

  it("refuse a wrong current password, forged cookies and deleted users", async () => {
    const user = await makeUser({ passwordHash: await hashPassword("the old password") });
    const cookie = await sessionCookie(user.id, 0);
    const wrong = await call(passwordRoute, {
      method: "POST",
      json: { currentPassword: "not it", newPassword: "the new password" },
      headers: { cookie },
    });
    expect(wrong.status).toBe(422);
    expect(
      (await call(meRoute, { headers: { cookie: `${COOKIE}=forged.jwt.value` } })).status,
    ).toBe(401);
    const forged = await encode({
      token: { sub: user.id, sv: 0 },
      secret: "another-secret-another-secret-another",
      salt: COOKIE,
    });
    expect((await call(meRoute, { headers: { cookie: `${COOKIE}=${forged}` } })).status).toBe(401);
    await prisma.user.delete({ where: { id: user.id } });
    expect((await call(meRoute, { headers: { cookie } })).status).toBe(401);
  });

  it("cannot be used for a cross-site write", async () => {
    const user = await makeUser({ passwordHash: await hashPassword("the old password") });
    const response = await call(passwordRoute, {
      method: "POST",
      json: { currentPassword: "the old password", newPassword: "evil new password" },
      headers: { cookie: await sessionCookie(user.id, 0), origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(
      0,
    );
  });
});
