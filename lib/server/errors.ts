import "server-only";

import type { ErrorCode, ErrorDetail } from "@/lib/shared/errors";
import { ERROR_STATUS } from "@/lib/shared/errors";

/** The one error type of the server: entry points map it to a status and the API's error shape. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }
}

export function notFound(what = "Not found"): AppError {
  return new AppError("not_found", what);
}
