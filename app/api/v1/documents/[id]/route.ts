import { z } from "zod";

import { getDocumentOrThrow } from "@/lib/server/documents/get-document";
import { apiRoute, json } from "@/lib/server/http/api-route";
import { idSchema } from "@/lib/shared/schemas/common";

// GET /api/v1/documents/{id}
export const GET = apiRoute(
  "GET /api/v1/documents/{id}",
  { params: z.object({ id: idSchema }) },
  async ({ actor, params }) => json(await getDocumentOrThrow(actor, params.id)),
);
