import { z } from "zod";

import { apiRoute } from "@/lib/server/http/api-route";
import { openEventStream } from "@/lib/server/live/event-stream";
import { idSchema } from "@/lib/shared/schemas/common";

const params = z.object({ id: idSchema });

// An event stream is never cached, prerendered or compressed.
export const dynamic = "force-dynamic";

// GET /api/v1/documents/{id}/events
export const GET = apiRoute(
  "GET /api/v1/documents/{id}/events",
  { params },
  async ({ actor, params, request }) => openEventStream(actor, params.id, request),
);
