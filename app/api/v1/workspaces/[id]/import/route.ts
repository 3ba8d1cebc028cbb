import { z } from "zod";

import { IMPORT_MAX_BYTES, importAnnotations } from "@/lib/server/export/import-annotations";
import { readImportFile } from "@/lib/server/export/read-import-file";
import { apiRoute, json, parseQuery } from "@/lib/server/http/api-route";
import { idSchema } from "@/lib/shared/schemas/common";
import { visibilitySchema } from "@/lib/shared/schemas/annotation";

const params = z.object({ id: idSchema });
const query = z.object({ visibility: visibilitySchema.default("workspace") });

// POST /api/v1/workspaces/{id}/import: W3C Web Annotation JSON-LD or Hypothesis JSON → a report
export const POST = apiRoute(
  "POST /api/v1/workspaces/{id}/import",
  { params },
  async ({ actor, params, request, url }) =>
    json(
      await importAnnotations(
        actor,
        params.id,
        await readImportFile(request, IMPORT_MAX_BYTES),
        parseQuery(url, query),
      ),
    ),
);
