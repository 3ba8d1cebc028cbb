import { z } from "zod";

import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { deleteReply, updateReply } from "@/lib/server/replies/update-reply";
import { updateReplySchema } from "@/lib/shared/schemas/comment";
import { idSchema } from "@/lib/shared/schemas/common";

const params = z.object({ id: idSchema });

// PATCH /api/v1/replies/{id}
export const PATCH = apiRoute(
  "PATCH /api/v1/replies/{id}",
  { params },
  async ({ actor, params, request }) =>
    json(await updateReply(actor, params.id, await readJson(request, updateReplySchema))),
);

// DELETE /api/v1/replies/{id}
export const DELETE = apiRoute(
  "DELETE /api/v1/replies/{id}",
  { params },
  async ({ actor, params }) => {
    await deleteReply(actor, params.id);
    return new Response(null, { status: 204 });
  },
);
