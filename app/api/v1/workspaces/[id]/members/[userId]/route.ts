import { z } from "zod";

import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { changeMemberRole } from "@/lib/server/workspaces/change-member-role";
import { removeMember } from "@/lib/server/workspaces/remove-member";
import { idSchema } from "@/lib/shared/schemas/common";
import { changeMemberSchema } from "@/lib/shared/schemas/workspace";

const params = z.object({ id: idSchema, userId: idSchema });

// PATCH /api/v1/workspaces/{id}/members/{userId}
export const PATCH = apiRoute(
  "PATCH /api/v1/workspaces/{id}/members/{userId}",
  { params },
  async ({ actor, params, request }) => {
    const { role } = await readJson(request, changeMemberSchema);
    return json(await changeMemberRole(actor, params.id, params.userId, role));
  },
);

// DELETE /api/v1/workspaces/{id}/members/{userId}: remove a member, or leave (your own id)
export const DELETE = apiRoute(
  "DELETE /api/v1/workspaces/{id}/members/{userId}",
  { params },
  async ({ actor, params }) => {
    await removeMember(actor, params.id, params.userId);
    return new Response(null, { status: 204 });
  },
);
