import { buckets, assertNotThrottled, clientIp, recordHit } from "@/lib/server/auth/throttle";
import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { createUser } from "@/lib/server/users/create-user";
import { signUpSchema } from "@/lib/shared/schemas/user";

// POST /api/v1/users
export const POST = apiRoute("POST /api/v1/users", {}, async ({ request }) => {
  const keys = [buckets.signUpIp(clientIp(request.headers))];
  await assertNotThrottled(keys, "sign-ups from this address");
  await recordHit(keys);
  const user = await createUser(await readJson(request, signUpSchema));
  return json(user, { status: 201 });
});
