import { z } from "zod";

import { getDocumentOrThrow } from "@/lib/server/documents/get-document";
import { apiRoute, json } from "@/lib/server/http/api-route";
import { idSchema } from "@/lib/shared/schemas/common";

const params = z.object({ id: idSchema });

// GET /api/v1/documents/{id}
export const GET = apiRoute({ params }, async ({ params }) =>
  json(await getDocumentOrThrow(params.id)),
);
