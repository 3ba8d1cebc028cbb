import { z } from "zod";

import { commentBodyInputSchema } from "./comment";
import { idSchema } from "./common";

export const TAG_NAME_MAX = 60;
export const tagNameSchema = z
  .string()
  .trim()
  .min(1, "A tag needs a name")
  .max(TAG_NAME_MAX)
  .refine((value) => !/[\u0000-\u001f]/.test(value), "cannot contain control characters");
export const colorSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, "must be a colour like #d97706");

export const quoteSelectorSchema = z
  .object({
    exact: z.string().min(1, "select some text").max(5000),
    prefix: z.string().max(200).default(""),
    suffix: z.string().max(200).default(""),
  })
  .strict();

export const positionSelectorSchema = z
  .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
  .strict()
  .refine((value) => value.end > value.start, "end must be after start");

export const visibilitySchema = z.enum(["workspace", "private"]);
export const statusSchema = z.enum(["open", "resolved"]);

export const createAnnotationSchema = z
  .object({
    target: z
      .object({ quote: quoteSelectorSchema, position: positionSelectorSchema.nullish() })
      .strict(),
    tags: z.array(tagNameSchema).max(20).default([]),
    /** The annotator's comment (Tiptap JSON); without it, a plain highlight. */
    body: commentBodyInputSchema.nullish(),
    visibility: visibilitySchema.default("workspace"),
  })
  .strict();
export type CreateAnnotationInput = z.infer<typeof createAnnotationSchema>;

export const updateAnnotationSchema = z
  .object({
    tags: z.array(tagNameSchema).max(20).optional(),
    /** A new comment, or null to remove it. */
    body: commentBodyInputSchema.nullable().optional(),
    visibility: visibilitySchema.optional(),
    status: statusSchema.optional(),
  })
  .strict();

const noNul = (value: string) => !value.includes("\u0000");
const csv = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(",")).map((item) => item.trim()).filter(Boolean),
  )
  .refine((items) => items.every(noNul), "cannot contain a NUL character");

export const annotationFiltersSchema = z.object({
  tag: csv.optional(),
  author: idSchema.optional(),
  mine: z
    .enum(["true", "false", "1", "0"])
    .transform((value) => value === "true" || value === "1")
    .optional(),
  status: statusSchema.optional(),
  q: z.string().trim().max(200).refine(noNul, "cannot contain a NUL character").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(512).optional(),
});
export type AnnotationFilters = z.infer<typeof annotationFiltersSchema>;

export const createTagSchema = z
  .object({
    name: tagNameSchema,
    color: colorSchema.optional(),
    description: z.string().trim().max(500).optional(),
  })
  .strict();
export const updateTagSchema = z
  .object({
    name: tagNameSchema.optional(),
    color: colorSchema.optional(),
    description: z.string().trim().max(500).optional(),
  })
  .strict();
export const mergeTagSchema = z.object({ into: idSchema }).strict();

/** A tag's normalized name: tag names are unique per workspace, case-insensitively. */
export function normalizeTagName(name: string): string {
  return name.trim().replace(/\s+/g, " ").normalize("NFC").toLocaleLowerCase("en");
}

/** Colours given to new tags in turn: distinct, readable as highlights on paper. */
export const TAG_PALETTE = [
  "#f59e0b",
  "#10b981",
  "#3b82f6",
  "#ec4899",
  "#8b5cf6",
  "#ef4444",
  "#14b8a6",
  "#84cc16",
  "#f97316",
  "#6366f1",
] as const;

/** The colour of a workspace's next new tag, given how many it has. */
export function nextTagColor(existingTags: number): string {
  return TAG_PALETTE[existingTags % TAG_PALETTE.length]!;
}
