import { z } from "zod";

import { exportAnnotations, exportResponse } from "@/lib/server/export/export-annotations";
import { apiRoute, parseQuery } from "@/lib/server/http/api-route";
import { publicBaseUrl } from "@/lib/server/http/origin";
import { idSchema } from "@/lib/shared/schemas/common";
import { exportQueryInput, exportQuerySchema } from "@/lib/shared/schemas/export";

const params = z.object({ id: idSchema });

// GET /api/v1/documents/{id}/export?format=csv|md|jsonld|docx|codebook and the filters: streamed
export const GET = apiRoute(
  "GET /api/v1/documents/{id}/export",
  { params },
  async ({ actor, params, url, request }) =>
    exportResponse(
      await exportAnnotations(
        actor,
        { documentId: params.id },
        parseQuery(url, exportQuerySchema, exportQueryInput(url.searchParams)),
        {
          baseUrl: publicBaseUrl(request.headers, request.url),
          search: url.search,
        },
      ),
    ),
);
