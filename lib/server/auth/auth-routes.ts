import "server-only";

import type { NextRequest } from "next/server";

import { handlers } from "@/lib/server/auth/auth";
import { buckets, clientIp, retryAfterSeconds } from "@/lib/server/auth/throttle";
import { errorResponse } from "@/lib/server/http/api-route";
import { AppError } from "@/lib/server/errors";

// next-auth's own routes (/api/auth/*), with one addition: a throttled credentials sign-in
// answers 429 with Retry-After before next-auth sees it. (Failures are counted in authorize().)

export const GET = (request: NextRequest) => handlers.GET(request);

export async function POST(request: NextRequest): Promise<Response> {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = form?.get("email");
    const keys = [buckets.signInIp(clientIp(request.headers))];
    if (typeof email === "string" && email) keys.push(buckets.signInEmail(email));
    const wait = await retryAfterSeconds(keys);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60);
      return errorResponse(
        new AppError(
          "rate_limited",
          `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
          undefined,
          {
            "retry-after": String(wait),
          },
        ),
      );
    }
  }
  return handlers.POST(request);
}
