import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { createWorkspace } from "@/lib/server/workspaces/create-workspace";
import { listWorkspaces } from "@/lib/server/workspaces/list-workspaces";
import { createWorkspaceSchema } from "@/lib/shared/schemas/workspace";

// GET /api/v1/workspaces
export const GET = apiRoute("GET /api/v1/workspaces", {}, async ({ actor }) =>
  json({ items: await listWorkspaces(actor), nextCursor: null }),
);

// POST /api/v1/workspaces
export const POST = apiRoute("POST /api/v1/workspaces", {}, async ({ actor, request }) =>
  json(await createWorkspace(actor, await readJson(request, createWorkspaceSchema)), {
    status: 201,
  }),
);
