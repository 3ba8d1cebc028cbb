import { describe, expect, it } from "vitest";

import { GET } from "@/app/api/v1/health/route";

import { call } from "../support/http";

describe("GET /api/v1/health", () => {
  it("says the database is up", async () => {
    const response = await call(GET);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true, db: "up" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
