import { z } from "zod";

import { apiRoute, json } from "@/lib/server/http/api-route";
import { listMembers } from "@/lib/server/workspaces/list-members";
import { idSchema } from "@/lib/shared/schemas/common";

// GET /api/v1/workspaces/{id}/members
export const GET = apiRoute(
  "GET /api/v1/workspaces/{id}/members",
  { params: z.object({ id: idSchema }) },
  async ({ actor, params }) =>
    json({ items: await listMembers(actor, params.id), nextCursor: null }),
);
