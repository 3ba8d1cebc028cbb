import "server-only";

import { AppError } from "@/lib/server/errors";
import { zodDetails } from "@/lib/server/http/api-route";
import { exportQueryInput, exportQuerySchema, type ExportQuery } from "@/lib/shared/schemas/export";

/** An export's query string, repeated parameters kept (?tag=a&tag=b); 400 when it is wrong. */
export function parseExportQuery(url: URL): ExportQuery {
  const result = exportQuerySchema.safeParse(exportQueryInput(url.searchParams));
  if (!result.success) {
    throw new AppError("bad_request", "Invalid export parameters", zodDetails(result.error));
  }
  return result.data;
}
