import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { markNotificationsRead } from "@/lib/server/notifications/list-notifications";
import { markNotificationsReadSchema } from "@/lib/shared/schemas/comment";

// POST /api/v1/notifications/read
export const POST = apiRoute("POST /api/v1/notifications/read", {}, async ({ actor, request }) => {
  const { ids } = await readJson(request, markNotificationsReadSchema);
  return json(await markNotificationsRead(actor, ids));
});
