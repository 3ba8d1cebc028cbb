import { z } from "zod";

import { getDocumentOrThrow } from "@/lib/server/documents/get-document";
import { reviseDocument } from "@/lib/server/documents/revise-document";
import { env } from "@/lib/server/env";
import { apiRoute, json, parseQuery, readJson } from "@/lib/server/http/api-route";
import { idSchema } from "@/lib/shared/schemas/common";
import { reviseDocumentSchema } from "@/lib/shared/schemas/document";

const params = z.object({ id: idSchema });

const query = z.object({
  revision: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .optional(),
});

// GET /api/v1/documents/{id}[?revision=N]
export const GET = apiRoute(
  "GET /api/v1/documents/{id}",
  { params },
  async ({ actor, params, url }) =>
    json(await getDocumentOrThrow(actor, params.id, parseQuery(url, query))),
);

// PUT /api/v1/documents/{id}: a new revision; every annotation is re-anchored into it
export const PUT = apiRoute(
  "PUT /api/v1/documents/{id}",
  { params },
  async ({ actor, params, request }) =>
    json(
      await reviseDocument(
        actor,
        params.id,
        await readJson(request, reviseDocumentSchema, env().GLOSSA_MAX_UPLOAD_BYTES + 64 * 1024),
      ),
    ),
);
