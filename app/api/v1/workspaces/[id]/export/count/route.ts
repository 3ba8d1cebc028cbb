import { z } from "zod";

import { countExport } from "@/lib/server/export/export-annotations";
import { apiRoute, json, parseQuery } from "@/lib/server/http/api-route";
import { idSchema } from "@/lib/shared/schemas/common";
import { exportQueryInput, exportQuerySchema } from "@/lib/shared/schemas/export";

const params = z.object({ id: idSchema });

// GET /api/v1/workspaces/{id}/export/count: what the same export would hold → {total, filename, replies}
export const GET = apiRoute(
  "GET /api/v1/workspaces/{id}/export/count",
  { params },
  async ({ actor, params, url }) =>
    json(
      await countExport(
        actor,
        { workspaceId: params.id },
        parseQuery(url, exportQuerySchema, exportQueryInput(url.searchParams)),
      ),
    ),
);
