import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { changePassword } from "@/lib/server/users/update-account";
import { changePasswordSchema } from "@/lib/shared/schemas/user";

// POST /api/v1/me/password: every session signs out, tokens keep working.
export const POST = apiRoute("POST /api/v1/me/password", {}, async ({ actor, request }) => {
  await changePassword(actor, await readJson(request, changePasswordSchema));
  return json({ ok: true });
});
