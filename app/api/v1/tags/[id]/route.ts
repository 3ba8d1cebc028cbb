import { z } from "zod";

import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { deleteTag, updateTag } from "@/lib/server/tags/manage-tags";
import { updateTagSchema } from "@/lib/shared/schemas/annotation";
import { idSchema } from "@/lib/shared/schemas/common";

const params = z.object({ id: idSchema });

// PATCH /api/v1/tags/{id}
export const PATCH = apiRoute(
  "PATCH /api/v1/tags/{id}",
  { params },
  async ({ actor, params, request }) =>
    json(await updateTag(actor, params.id, await readJson(request, updateTagSchema))),
);

// DELETE /api/v1/tags/{id}
export const DELETE = apiRoute(
  "DELETE /api/v1/tags/{id}",
  { params },
  async ({ actor, params }) => {
    await deleteTag(actor, params.id);
    return new Response(null, { status: 204 });
  },
);
