import { z } from "zod";

import { apiRoute, json } from "@/lib/server/http/api-route";
import { acceptInvite } from "@/lib/server/invites/accept-invite";

// POST /api/v1/invites/{code}/accept
export const POST = apiRoute(
  "POST /api/v1/invites/{code}/accept",
  { params: z.object({ code: z.string().min(1).max(100) }) },
  async ({ actor, params }) => json(await acceptInvite(actor, params.code)),
);
