import { json } from "@/lib/server/http/api-route";
import { buildOpenApi } from "@/lib/server/openapi/build-openapi";

// GET /api/v1/openapi.json
export function GET(): Response {
  return json(buildOpenApi(), { headers: { "cache-control": "public, max-age=300" } });
}
