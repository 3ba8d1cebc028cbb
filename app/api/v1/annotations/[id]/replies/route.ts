import { z } from "zod";

import { apiRoute, json, parseQuery, readJson } from "@/lib/server/http/api-route";
import { createReply } from "@/lib/server/replies/create-reply";
import { listReplies } from "@/lib/server/replies/list-replies";
import { createReplySchema } from "@/lib/shared/schemas/comment";
import { idSchema, paginationSchema } from "@/lib/shared/schemas/common";

const params = z.object({ id: idSchema });

// GET /api/v1/annotations/{id}/replies
export const GET = apiRoute(
  "GET /api/v1/annotations/{id}/replies",
  { params },
  async ({ actor, params, url }) =>
    json(await listReplies(actor, params.id, parseQuery(url, paginationSchema))),
);

// POST /api/v1/annotations/{id}/replies
export const POST = apiRoute(
  "POST /api/v1/annotations/{id}/replies",
  { params },
  async ({ actor, params, request }) =>
    json(await createReply(actor, params.id, await readJson(request, createReplySchema)), {
      status: 201,
    }),
);
