import { z } from "zod";

import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { mergeTag } from "@/lib/server/tags/manage-tags";
import { mergeTagSchema } from "@/lib/shared/schemas/annotation";
import { idSchema } from "@/lib/shared/schemas/common";

// POST /api/v1/tags/{id}/merge: every use of this tag moves to `into`, then it is deleted
export const POST = apiRoute(
  "POST /api/v1/tags/{id}/merge",
  { params: z.object({ id: idSchema }) },
  async ({ actor, params, request }) =>
    json(await mergeTag(actor, params.id, (await readJson(request, mergeTagSchema)).into)),
);
