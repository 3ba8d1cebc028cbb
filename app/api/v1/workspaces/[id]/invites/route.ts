import { z } from "zod";

import { apiRoute, json, readJson } from "@/lib/server/http/api-route";
import { createInvite } from "@/lib/server/invites/create-invite";
import { listInvites } from "@/lib/server/invites/list-invites";
import { idSchema } from "@/lib/shared/schemas/common";
import { createInviteSchema } from "@/lib/shared/schemas/workspace";

const params = z.object({ id: idSchema });

// GET /api/v1/workspaces/{id}/invites
export const GET = apiRoute(
  "GET /api/v1/workspaces/{id}/invites",
  { params },
  async ({ actor, params }) =>
    json({ items: await listInvites(actor, params.id), nextCursor: null }),
);

// POST /api/v1/workspaces/{id}/invites
export const POST = apiRoute(
  "POST /api/v1/workspaces/{id}/invites",
  { params },
  async ({ actor, params, request }) => {
    const input = await readJson(request, createInviteSchema);
    return json(await createInvite(actor, params.id, input, new URL(request.url).origin), {
      status: 201,
    });
  },
);
