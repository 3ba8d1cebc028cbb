import { z } from "zod";

import {
  deleteAnnotation,
  getAnnotation,
  updateAnnotation,
} from "@/lib/server/annotations/update-annotation";
import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { updateAnnotationSchema } from "@/lib/shared/schemas/annotation";
import { idSchema } from "@/lib/shared/schemas/common";

const params = z.object({ id: idSchema });

// GET /api/v1/annotations/{id}
export const GET = apiRoute("GET /api/v1/annotations/{id}", { params }, async ({ actor, params }) =>
  json(await getAnnotation(actor, params.id)),
);

// PATCH /api/v1/annotations/{id}
export const PATCH = apiRoute(
  "PATCH /api/v1/annotations/{id}",
  { params },
  async ({ actor, params, request }) =>
    json(await updateAnnotation(actor, params.id, await readJson(request, updateAnnotationSchema))),
);

// DELETE /api/v1/annotations/{id}
export const DELETE = apiRoute(
  "DELETE /api/v1/annotations/{id}",
  { params },
  async ({ actor, params }) => {
    await deleteAnnotation(actor, params.id);
    return new Response(null, { status: 204 });
  },
);
