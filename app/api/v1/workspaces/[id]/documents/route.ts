import { z } from "zod";

import { createDocumentFromRequest } from "@/lib/server/documents/create-document-from-request";
import { listDocuments } from "@/lib/server/documents/list-documents";
import { apiRoute, json, parseQuery } from "@/lib/server/http/api-route";
import { idSchema, paginationSchema } from "@/lib/shared/schemas/common";

const params = z.object({ id: idSchema });

// GET /api/v1/workspaces/{id}/documents
export const GET = apiRoute(
  "GET /api/v1/workspaces/{id}/documents",
  { params },
  async ({ actor, params, url }) =>
    json(
      await listDocuments(actor, {
        workspaceId: params.id,
        page: parseQuery(url, paginationSchema),
      }),
    ),
);

// POST /api/v1/workspaces/{id}/documents
export const POST = apiRoute(
  "POST /api/v1/workspaces/{id}/documents",
  { params },
  async ({ actor, params, request }) =>
    json(await createDocumentFromRequest(request, actor, params.id), { status: 201 }),
);
