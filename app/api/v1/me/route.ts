import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { getMe, updateProfile } from "@/lib/server/users/update-account";
import { updateProfileSchema } from "@/lib/shared/schemas/user";

// GET /api/v1/me
export const GET = apiRoute("GET /api/v1/me", {}, async ({ actor }) => json(await getMe(actor)));

// PATCH /api/v1/me
export const PATCH = apiRoute("PATCH /api/v1/me", {}, async ({ actor, request }) =>
  json(await updateProfile(actor, await readJson(request, updateProfileSchema))),
);
