import { apiRoute, json, parseQuery } from "@/lib/server/http/api-route";
import { listNotifications } from "@/lib/server/notifications/list-notifications";
import { notificationListSchema } from "@/lib/shared/schemas/comment";

// GET /api/v1/notifications
export const GET = apiRoute("GET /api/v1/notifications", {}, async ({ actor, url }) =>
  json(await listNotifications(actor, parseQuery(url, notificationListSchema))),
);
