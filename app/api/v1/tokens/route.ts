import { assertNotThrottled, buckets, clientIp, recordHit } from "@/lib/server/auth/throttle";
import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { createToken, listTokens } from "@/lib/server/tokens/manage-tokens";
import { createTokenSchema } from "@/lib/shared/schemas/user";

// GET /api/v1/tokens
export const GET = apiRoute("GET /api/v1/tokens", {}, async ({ actor }) =>
  json({ items: await listTokens(actor) }),
);

// POST /api/v1/tokens
export const POST = apiRoute("POST /api/v1/tokens", {}, async ({ actor, request }) => {
  const keys = [buckets.tokenUser(actor.userId), buckets.tokenIp(clientIp(request.headers))];
  await assertNotThrottled(keys, "new tokens");
  const input = await readJson(request, createTokenSchema);
  await recordHit(keys);
  return json(await createToken(actor, input), { status: 201 });
});
