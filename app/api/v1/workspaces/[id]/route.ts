import { z } from "zod";

import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { getWorkspaceOrThrow } from "@/lib/server/workspaces/get-workspace";
import { updateWorkspace } from "@/lib/server/workspaces/update-workspace";
import { idSchema } from "@/lib/shared/schemas/common";
import { updateWorkspaceSchema } from "@/lib/shared/schemas/workspace";

const params = z.object({ id: idSchema });

// GET /api/v1/workspaces/{id}
export const GET = apiRoute("GET /api/v1/workspaces/{id}", { params }, async ({ actor, params }) =>
  json(await getWorkspaceOrThrow(actor, params.id)),
);

// PATCH /api/v1/workspaces/{id}
export const PATCH = apiRoute(
  "PATCH /api/v1/workspaces/{id}",
  { params },
  async ({ actor, params, request }) =>
    json(await updateWorkspace(actor, params.id, await readJson(request, updateWorkspaceSchema))),
);
