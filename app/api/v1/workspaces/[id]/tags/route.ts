import { z } from "zod";

import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { createTag, listTags } from "@/lib/server/tags/manage-tags";
import { createTagSchema } from "@/lib/shared/schemas/annotation";
import { idSchema } from "@/lib/shared/schemas/common";

const params = z.object({ id: idSchema });

// GET /api/v1/workspaces/{id}/tags
export const GET = apiRoute(
  "GET /api/v1/workspaces/{id}/tags",
  { params },
  async ({ actor, params }) => json({ items: await listTags(actor, params.id), nextCursor: null }),
);

// POST /api/v1/workspaces/{id}/tags
export const POST = apiRoute(
  "POST /api/v1/workspaces/{id}/tags",
  { params },
  async ({ actor, params, request }) =>
    json(await createTag(actor, params.id, await readJson(request, createTagSchema)), {
      status: 201,
    }),
);
