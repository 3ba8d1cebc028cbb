import { AppError } from "@/lib/server/errors";
import { errorResponse } from "@/lib/server/http/api-route";

// Anything under /api/v1 that no route claims answers in the API's error shape, not HTML.
function notFound(): Response {
  return errorResponse(new AppError("not_found", "No such API endpoint"));
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
