import { describe, expect, it } from "vitest";

for (const name of [
  "AUTH_GITHUB_ID",
  "AUTH_GITHUB_SECRET",
  "AUTH_GOOGLE_ID",
  "AUTH_GOOGLE_SECRET",
  "EMAIL_SERVER",
]) {
  delete process.env[name];
}
process.env.AUTH_GITHUB_ID = "only-half-configured";

const { GET } = await import("@/app/api/auth/[...nextauth]/route");

describe("sign-in providers", () => {
  it("are e-mail and password alone when nothing else is configured (half a pair does not count)", async () => {
    const response = await GET(new Request("http://localhost/api/auth/providers") as never);
    expect(Object.keys(await response.json())).toEqual(["credentials"]);
  });
});
