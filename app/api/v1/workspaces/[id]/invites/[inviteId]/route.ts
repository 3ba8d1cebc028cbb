import { z } from "zod";

import { apiRoute } from "@/lib/server/http/api-route";
import { revokeInvite } from "@/lib/server/invites/list-invites";
import { idSchema } from "@/lib/shared/schemas/common";

// DELETE /api/v1/workspaces/{id}/invites/{inviteId}: revoke
export const DELETE = apiRoute(
  "DELETE /api/v1/workspaces/{id}/invites/{inviteId}",
  { params: z.object({ id: idSchema, inviteId: idSchema }) },
  async ({ actor, params }) => {
    await revokeInvite(actor, params.id, params.inviteId);
    return new Response(null, { status: 204 });
  },
);
