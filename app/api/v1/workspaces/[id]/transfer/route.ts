import { z } from "zod";

import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { transferOwnership } from "@/lib/server/workspaces/transfer-ownership";
import { idSchema } from "@/lib/shared/schemas/common";
import { transferOwnershipSchema } from "@/lib/shared/schemas/workspace";

// POST /api/v1/workspaces/{id}/transfer: `{userId}` becomes owner, you become moderator
export const POST = apiRoute(
  "POST /api/v1/workspaces/{id}/transfer",
  { params: z.object({ id: idSchema }) },
  async ({ actor, params, request }) => {
    const { userId } = await readJson(request, transferOwnershipSchema);
    await transferOwnership(actor, params.id, userId);
    return json({ ok: true });
  },
);
