import { z } from "zod";

import { statusSchema } from "./annotation";
import { idSchema } from "./common";

// What an export asks for: a format and the margin's filters, plus a date range and two
// switches (replies; the requester's own private annotations). Shared by the Export dialog, the
// print view and the API (GET /documents/{id}/export, GET /workspaces/{id}/export).

export const EXPORT_FORMATS = ["csv", "md", "jsonld", "docx", "codebook"] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormatName = z.infer<typeof exportFormatSchema>;

const noNul = (value: string) => !value.includes("\u0000");

/** A query parameter given once as "a,b", or repeated (?tag=a&tag=b). */
const list = (item: z.ZodString, max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((part) => part.split(","))
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max, `at most ${max} values`));

const flag = z
  .enum(["true", "false", "1", "0", "on", "off"])
  .transform((value) => value === "true" || value === "1" || value === "on");

/** A day (2026-11-28, taken in UTC) or an instant (ISO 8601 with time). */
const dateBound = z
  .string()
  .trim()
  .max(40)
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) &&
      !Number.isNaN(Date.parse(value)) &&
      // A real day (not 2026-02-30), in years anyone annotates in.
      new Date(Date.parse(value.slice(0, 10))).toISOString().startsWith(value.slice(0, 10)) &&
      Number(value.slice(0, 4)) >= 1900 &&
      Number(value.slice(0, 4)) <= 9998,
    "must be a date like 2026-11-28 (years 1900 to 9998) or an ISO 8601 time",
  );

export const exportQuerySchema = z
  .object({
    format: exportFormatSchema.default("csv"),
    tag: list(z.string().max(60).refine(noNul, "cannot contain a NUL character"), 50).optional(),
    author: list(idSchema, 100).optional(),
    mine: flag.optional(),
    status: statusSchema.optional(),
    q: z.string().trim().max(200).refine(noNul, "cannot contain a NUL character").optional(),
    from: dateBound.optional(),
    to: dateBound.optional(),
    /** Include each annotation's thread (default: yes for clip books, no for CSV). */
    replies: flag.optional(),
    /** Include the requester's own private annotations (default yes). */
    private: flag.default(true),
  })
  .refine(
    (value) => {
      const { from, to } = bounds(value.from, value.to);
      return !from || !to || from < to;
    },
    { message: "the date range ends before it starts", path: ["to"] },
  );
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** The date range as instants: `from` inclusive, `to` exclusive; a bare day `to` includes that
 * whole day. */
export function bounds(
  from: string | undefined,
  to: string | undefined,
): { from?: Date; to?: Date } {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  return {
    from: from ? new Date(day.test(from) ? `${from}T00:00:00Z` : from) : undefined,
    to: to
      ? new Date(
          day.test(to) ? Date.parse(`${to}T00:00:00Z`) + 24 * 60 * 60 * 1000 : Date.parse(to),
        )
      : undefined,
  };
}

/** Whether replies go in when the query does not say: clip books read as discussions, a
 * spreadsheet reads as one row per passage. */
export function includeReplies(query: Pick<ExportQuery, "format" | "replies">): boolean {
  return (
    query.replies ?? (query.format === "md" || query.format === "docx" || query.format === "jsonld")
  );
}

/** Reads an export's query from URL parameters, keeping repeated ones (?tag=a&tag=b). */
export function exportQueryInput(params: URLSearchParams): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    input[key] = values.length > 1 ? values : values[0]!;
  }
  return input;
}
