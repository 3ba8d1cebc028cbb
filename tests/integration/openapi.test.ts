import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { GET } from "@/app/api/v1/openapi.json/route";

import { call } from "../support/http";

// Every route handler under app/api/v1 must be described in the OpenAPI document, with the
// methods it exports, so that docs and clients never drift from the code.
function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [full] : [];
  });
}

function toOpenApiPath(file: string): string {
  return `/${path.dirname(file)}`.replace(/^\/app/, "").replace(/\[([^\].]+)\]/g, "{$1}");
}

describe("GET /api/v1/openapi.json", () => {
  it("describes every route and method under app/api/v1", async () => {
    const response = await call(GET);
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    const described = response.body.paths as Record<string, Record<string, unknown>>;

    const files = routeFiles("app/api/v1").filter((file) => !file.includes("[..."));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const apiPath = toOpenApiPath(file);
      expect(described, `${apiPath} is missing from the OpenAPI document`).toHaveProperty([
        apiPath,
      ]);
      const methods = [
        ...readFileSync(file, "utf8").matchAll(
          /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g,
        ),
      ].map((match) => match[1]!.toLowerCase());
      for (const method of methods) {
        expect(
          described[apiPath],
          `${method.toUpperCase()} ${apiPath} is not described`,
        ).toHaveProperty([method]);
      }
    }
  });
});
