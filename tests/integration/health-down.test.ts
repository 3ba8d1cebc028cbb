import { createServer } from "node:net";

import { describe, expect, it } from "vitest";

import { GET } from "@/app/api/v1/health/route";
import { GET as getDocument } from "@/app/api/v1/documents/[id]/route";

import { call } from "../support/http";

// A database that does not answer: a port nothing listens on. (This file gets its own module
// graph, so the Prisma client and the parsed environment are created afresh with this URL.)
const port = await new Promise<number>((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const address = server.address();
    server.close(() => resolve(typeof address === "object" && address ? address.port : 1));
  });
});
process.env.DATABASE_URL = `postgresql://nobody:nothing@127.0.0.1:${port}/none`;

describe("when the database is down", () => {
  it("health answers 503 with db: down", async () => {
    const response = await call(GET);
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ ok: false, db: "down" });
  });

  it("the API answers 503 in its error shape, without a stack trace", async () => {
    const response = await call(getDocument, {
      params: { id: "cabc" },
      headers: { authorization: "Bearer glossa_pat_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG" },
    });
    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      error: { code: "unavailable", message: expect.stringMatching(/database/) },
    });
  });
});
