import { z } from "zod";

import { exportAnnotations, exportResponse } from "@/lib/server/export/export-annotations";
import { apiRoute } from "@/lib/server/http/api-route";
import { publicBaseUrl } from "@/lib/server/http/origin";
import { parseExportQuery } from "@/lib/server/export/parse-export-query";
import { idSchema } from "@/lib/shared/schemas/common";

const params = z.object({ id: idSchema });

// GET /api/v1/workspaces/{id}/export?format=csv|md|jsonld|docx|codebook and the filters: streamed
export const GET = apiRoute(
  "GET /api/v1/workspaces/{id}/export",
  { params },
  async ({ actor, params, url, request }) =>
    exportResponse(
      await exportAnnotations(actor, { workspaceId: params.id }, parseExportQuery(url), {
        baseUrl: publicBaseUrl(request),
        search: url.search,
      }),
    ),
);
