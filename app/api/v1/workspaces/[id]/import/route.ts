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
  async ({ actor, params, request, url }) => {
    const options = parseQuery(url, query);
    // The body is read only once the importer is known to belong to the workspace.
    return json(
      await importAnnotations(
        actor,
        params.id,
        () => readImportFile(request, IMPORT_MAX_BYTES),
        options,
      ),
    );
  },
);
