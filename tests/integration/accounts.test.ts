import { describe, expect, it } from "vitest";

import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { DELETE as revokeTokenRoute } from "@/app/api/v1/tokens/[id]/route";
import { GET as listTokensRoute, POST as createTokenRoute } from "@/app/api/v1/tokens/route";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { POST as signUpRoute } from "@/app/api/v1/users/route";
import { POST as createWorkspaceRoute } from "@/app/api/v1/workspaces/route";
import { hashPassword } from "@/lib/server/auth/password";
import { THROTTLE_LIMIT } from "@/lib/server/auth/throttle";
import { prisma } from "@/lib/server/db";

import { makeUser, unique } from "../support/factories";
import { call } from "../support/http";

function ipHeaders(ip: string) {
  return { "x-forwarded-for": ip };
}

describe("sign-up (POST /api/v1/users)", () => {
  it("creates an account with an argon2id hash, never the password", async () => {
    const email = `${unique("Ana")}@Example.com`;
    const response = await call(signUpRoute, {
      method: "POST",
      json: { email, name: "Ana", password: "a long password" },
      headers: ipHeaders("10.0.0.1"),
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ email: email.toLowerCase(), name: "Ana" });
    expect(JSON.stringify(response.body)).not.toMatch(/password|hash/i);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain("a long password");
  });

  it("refuses a taken email with 409, a short password with 422", async () => {
    const user = await makeUser();
    const taken = await call(signUpRoute, {
      method: "POST",
      json: { email: user.email.toUpperCase(), name: "X", password: "a long password" },
      headers: ipHeaders("10.0.0.2"),
    });
    expect(taken.status).toBe(409);
    const short = await call(signUpRoute, {
      method: "POST",
      json: { email: `${unique("s")}@example.com`, name: "X", password: "short" },
      headers: ipHeaders("10.0.0.2"),
    });
    expect(short.status).toBe(422);
    expect(short.body.error.details[0].path).toBe("password");
  });

  it("allows 10 sign-ups per address in 15 minutes, then 429 with Retry-After", async () => {
    const headers = ipHeaders("10.9.9.9");
    for (let i = 0; i < THROTTLE_LIMIT; i += 1) {
      const response = await call(signUpRoute, {
        method: "POST",
        json: { email: `${unique("t")}@example.com`, name: "T", password: "a long password" },
        headers,
      });
      expect(response.status).toBe(201);
    }
    const blocked = await call(signUpRoute, {
      method: "POST",
      json: { email: `${unique("t")}@example.com`, name: "T", password: "a long password" },
      headers,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("rate_limited");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(800);
    const otherAddress = await call(signUpRoute, {
      method: "POST",
      json: { email: `${unique("t")}@example.com`, name: "T", password: "a long password" },
      headers: ipHeaders("10.9.9.10"),
    });
    expect(otherAddress.status).toBe(201);
  });
});

describe("sign-in throttling (POST /api/auth/callback/credentials)", () => {
  async function attempt(email: string, password: string, ip: string) {
    const csrfToken = "t";
    const body = new URLSearchParams({ email, password, csrfToken });
    return authPost(
      new Request("http://localhost/api/auth/callback/credentials", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": ip,
          cookie: `authjs.csrf-token=${csrfToken}`,
        },
        body,
      }) as never,
    );
  }

  it("answers 429 with Retry-After after 10 failed sign-ins for one account, from any address", async () => {
    const user = await makeUser({ passwordHash: await hashPassword("the right password") });
    await prisma.throttleHit.createMany({
      data: Array.from({ length: THROTTLE_LIMIT }, () => ({
        bucket: `signin:email:${user.email}`,
      })),
    });
    const response = await attempt(
      user.email,
      "the right password",
      `10.1.${Math.floor(Math.random() * 200)}.1`,
    );
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await response.json()).error.code).toBe("rate_limited");
  });

  it("answers 429 after 10 failed sign-ins from one address, whatever the account", async () => {
    const ip = `10.2.${Math.floor(Math.random() * 200)}.7`;
    await prisma.throttleHit.createMany({
      data: Array.from({ length: THROTTLE_LIMIT }, () => ({ bucket: `signin:ip:${ip}` })),
    });
    const response = await attempt(`${unique("x")}@example.com`, "whatever", ip);
    expect(response.status).toBe(429);
  });

  it("forgets failures older than the window", async () => {
    const user = await makeUser();
    const old = new Date(Date.now() - 16 * 60 * 1000);
    await prisma.throttleHit.createMany({
      data: Array.from({ length: THROTTLE_LIMIT }, () => ({
        bucket: `signin:email:${user.email}`,
        createdAt: old,
      })),
    });
    const response = await attempt(user.email, "wrong", "10.3.0.1");
    expect(response.status).not.toBe(429);
  });
});

describe("personal access tokens", () => {
  it("are shown once, stored hashed, listed without the secret, and stop working when revoked", async () => {
    const user = await makeUser();
    const created = await call(createTokenRoute, {
      method: "POST",
      json: { name: "export script" },
      headers: user.auth,
    });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^glossa_pat_/);
    expect(await prisma.apiToken.count({ where: { tokenHash: token } })).toBe(0);

    const list = await call(listTokensRoute, { headers: user.auth });
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.items.map((item: { name: string }) => item.name)).toContain("export script");

    const me = await call(meRoute, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);

    const revoked = await call(revokeTokenRoute, {
      method: "DELETE",
      params: { id: created.body.id },
      headers: user.auth,
    });
    expect(revoked.status).toBe(204);
    const after = await call(meRoute, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthorized");
  });

  it("expired and malformed tokens are refused with 401", async () => {
    const user = await makeUser();
    await prisma.apiToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await call(meRoute, { headers: user.auth })).status).toBe(401);
    expect((await call(meRoute, { headers: { authorization: "Bearer nonsense" } })).status).toBe(
      401,
    );
    expect((await call(meRoute, { headers: { authorization: "Basic abc" } })).status).toBe(401);
  });

  it("throttles token creation at 10 per 15 minutes", async () => {
    const user = await makeUser();
    for (let i = 0; i < THROTTLE_LIMIT; i += 1) {
      expect(
        (
          await call(createTokenRoute, {
            method: "POST",
            json: { name: `t${i}` },
            headers: { ...user.auth, "x-forwarded-for": "10.4.0.1" },
          })
        ).status,
      ).toBe(201);
    }
    const blocked = await call(createTokenRoute, {
      method: "POST",
      json: { name: "one more" },
      headers: { ...user.auth, "x-forwarded-for": "10.4.0.2" },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBeTruthy();
  });
});

describe("cross-site writes", () => {
  it("refuse a foreign or null Origin without a bearer token, and allow the same origin", async () => {
    const user = await makeUser();
    const cookieless = { "content-type": "application/json" };
    for (const origin of ["https://evil.example", "null"]) {
      const response = await call(signUpRoute, {
        method: "POST",
        url: "http://localhost/api/v1/users",
        json: { email: `${unique("o")}@example.com`, name: "O", password: "a long password" },
        headers: { ...cookieless, origin },
      });
      expect(response.status).toBe(403);
    }
    const sameSite = await call(createWorkspaceRoute, {
      method: "POST",
      url: "http://localhost/api/v1/workspaces",
      json: { name: "Mine", kind: "team" },
      headers: { origin: "http://localhost", ...user.auth },
    });
    expect(sameSite.status).toBe(201);
    const bearerFromElsewhere = await call(createWorkspaceRoute, {
      method: "POST",
      json: { name: "Script", kind: "team" },
      headers: { origin: "https://tool.example", ...user.auth },
    });
    expect(bearerFromElsewhere.status).toBe(201);
    const crossSiteFetch = await call(signUpRoute, {
      method: "POST",
      json: { email: `${unique("o")}@example.com`, name: "O", password: "a long password" },
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(crossSiteFetch.status).toBe(403);
  });
});

describe("Idempotency-Key", () => {
  it("returns the first reply to a retry, creating nothing new, even when the two race", async () => {
    const user = await makeUser();
    const send = () =>
      call(createWorkspaceRoute, {
        method: "POST",
        json: { name: "Once", kind: "team" },
        headers: { ...user.auth, "idempotency-key": "create-once-1" },
      });
    const [first, second] = await Promise.all([send(), send()]);
    const third = await send();
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(third.body.id).toBe(first.body.id);
    expect(third.headers.get("idempotent-replayed")).toBe("true");
    expect(await prisma.membership.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses the same key with a different body (422)", async () => {
    const user = await makeUser();
    const headers = { ...user.auth, "idempotency-key": "k-2" };
    expect(
      (await call(createWorkspaceRoute, { method: "POST", json: { name: "A" }, headers })).status,
    ).toBe(201);
    const other = await call(createWorkspaceRoute, {
      method: "POST",
      json: { name: "B" },
      headers,
    });
    expect(other.status).toBe(422);
  });
});
