import { z } from "zod";

import { apiRoute } from "@/lib/server/http/api-route";
import { revokeToken } from "@/lib/server/tokens/manage-tokens";
import { idSchema } from "@/lib/shared/schemas/common";

// DELETE /api/v1/tokens/{id}
export const DELETE = apiRoute(
  "DELETE /api/v1/tokens/{id}",
  { params: z.object({ id: idSchema }) },
  async ({ actor, params }) => {
    await revokeToken(actor, params.id);
    return new Response(null, { status: 204 });
  },
);
