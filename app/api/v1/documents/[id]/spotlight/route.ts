import { z } from "zod";

import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { spotlightAnnotation } from "@/lib/server/live/spotlight";
import { idSchema } from "@/lib/shared/schemas/common";

const params = z.object({ id: idSchema });
const body = z.object({ annotationId: idSchema }).strict();

// POST /api/v1/documents/{id}/spotlight
export const POST = apiRoute(
  "POST /api/v1/documents/{id}/spotlight",
  { params },
  async ({ actor, params, request }) => {
    const { annotationId } = await readJson(request, body);
    return json(await spotlightAnnotation(actor, params.id, annotationId), { status: 202 });
  },
);
