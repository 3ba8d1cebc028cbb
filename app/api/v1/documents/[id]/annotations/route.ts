import { z } from "zod";

import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { listAnnotations } from "@/lib/server/annotations/list-annotations";
import { apiRoute, json, parseQuery, readJson } from "@/lib/server/http/api-route";
import { annotationFiltersSchema, createAnnotationSchema } from "@/lib/shared/schemas/annotation";
import { idSchema } from "@/lib/shared/schemas/common";

const params = z.object({ id: idSchema });

// GET /api/v1/documents/{id}/annotations
export const GET = apiRoute(
  "GET /api/v1/documents/{id}/annotations",
  { params },
  async ({ actor, params, url }) =>
    json(await listAnnotations(actor, params.id, parseQuery(url, annotationFiltersSchema))),
);

// POST /api/v1/documents/{id}/annotations
export const POST = apiRoute(
  "POST /api/v1/documents/{id}/annotations",
  { params },
  async ({ actor, params, request }) =>
    json(
      await createAnnotation(actor, params.id, await readJson(request, createAnnotationSchema)),
      { status: 201 },
    ),
);
