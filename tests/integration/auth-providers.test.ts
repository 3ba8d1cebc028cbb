import { describe, expect, it } from "vitest";

// This file has its own module graph: the environment below is what lib/server/env.ts parses.
process.env.AUTH_GITHUB_ID = "gh-id";
process.env.AUTH_GITHUB_SECRET = "gh-secret";
process.env.AUTH_GOOGLE_ID = "g-id";
process.env.AUTH_GOOGLE_SECRET = "g-secret";
process.env.EMAIL_SERVER = "smtp://user:pass@127.0.0.1:2525";

const { GET } = await import("@/app/api/auth/[...nextauth]/route");

describe("sign-in providers", () => {
  it("switch on when their variables are set, beside e-mail and password", async () => {
    const response = await GET(new Request("http://localhost/api/auth/providers") as never);
    expect(response.status).toBe(200);
    const providers = (await response.json()) as Record<
      string,
      { type: string; callbackUrl: string }
    >;
    expect(Object.keys(providers).sort()).toEqual([
      "credentials",
      "github",
      "google",
      "nodemailer",
    ]);
    expect(providers.github!.callbackUrl).toBe("http://localhost/api/auth/callback/github");
    expect(providers.nodemailer!.type).toBe("email");
  });
});
