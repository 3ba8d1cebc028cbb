import { json } from "@/lib/server/http/api-route";
import { checkHealth } from "@/lib/server/health/check-health";

export const dynamic = "force-dynamic";

// GET /api/v1/health
export async function GET(): Promise<Response> {
  const health = await checkHealth();
  return json(health, { status: health.ok ? 200 : 503 });
}
