import { z } from "zod";

import { httpUrlSchema } from "./common";

export const TITLE_MAX = 300;

export const documentSourceSchema = z
  .object({
    url: httpUrlSchema.nullish(),
    author: z.string().trim().max(300).nullish(),
    publisher: z.string().trim().max(300).nullish(),
    publishedAt: z.iso
      .date()
      .or(z.iso.datetime({ offset: true }))
      .nullish(),
  })
  .strict();
export type DocumentSource = z.infer<typeof documentSourceSchema>;

const content = z.string().max(20 * 1024 * 1024);

/** Which of text, markdown and html a (validated) body carries, and its content. */
export function contentOf(input: { text?: string; markdown?: string; html?: string }): {
  format: "text" | "markdown" | "html";
  content: string;
} {
  if (input.markdown !== undefined) return { format: "markdown", content: input.markdown };
  if (input.html !== undefined) return { format: "html", content: input.html };
  return { format: "text", content: input.text ?? "" };
}

/** A document body comes as exactly one of text, markdown or html. */
function exactlyOneContent(
  value: { text?: string; markdown?: string; html?: string },
  ctx: z.RefinementCtx,
): void {
  const given = (["text", "markdown", "html"] as const).filter((key) => value[key] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: "custom",
      path: given.length ? [given[1] ?? given[0]!] : ["text"],
      message: "give exactly one of text, markdown or html",
    });
  }
}

/** POST /api/v1/workspaces/{id}/documents: exactly one of text, markdown, html. */
export const createDocumentSchema = z
  .object({
    title: z.string().trim().max(TITLE_MAX).optional(),
    text: content.optional(),
    markdown: content.optional(),
    html: content.optional(),
    source: documentSourceSchema.optional(),
  })
  .strict()
  .superRefine(exactlyOneContent);
export type CreateDocumentInput = z.infer<typeof createDocumentSchema>;

/** The form in the library: pasted text with a chosen format, or an uploaded file. */
export const pasteFormSchema = z.object({
  title: z.string().trim().max(TITLE_MAX).optional(),
  format: z.enum(["text", "markdown", "html"]).default("text"),
  content: z
    .string()
    .min(1, "Paste some text first")
    .max(20 * 1024 * 1024),
  sourceUrl: z.union([httpUrlSchema, z.literal("")]).optional(),
});

/** PUT /api/v1/documents/{id}: a new revision, from exactly one of text, markdown, html. */
export const reviseDocumentSchema = z
  .object({
    title: z.string().trim().min(1).max(TITLE_MAX).optional(),
    text: content.optional(),
    markdown: content.optional(),
    html: content.optional(),
  })
  .strict()
  .superRefine(exactlyOneContent);
