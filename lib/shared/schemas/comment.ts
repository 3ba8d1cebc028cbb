import { z } from "zod";

import { idSchema } from "./common";

/** A comment or reply body as received: a Tiptap JSON document. Its shape is checked against
 * the editor's schema on the server (lib/server/editor/comment-body.ts); here only that it is
 * a JSON object, passed on as it came (a zod record would rebuild it and silently drop keys
 * such as `__proto__`, which the server must see to refuse). */
export const commentBodyInputSchema = z.custom<Record<string, unknown>>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  { error: "The body must be a Tiptap JSON document (an object)" },
);

export const createReplySchema = z
  .object({ body: commentBodyInputSchema, parentId: idSchema.nullish() })
  .strict();
export type CreateReplyInput = z.infer<typeof createReplySchema>;

export const updateReplySchema = z.object({ body: commentBodyInputSchema }).strict();

export const notificationListSchema = z.object({
  unread: z
    .enum(["true", "false", "1", "0"])
    .transform((value) => value === "true" || value === "1")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(512).optional(),
});

export const markNotificationsReadSchema = z
  .object({ ids: z.array(idSchema).min(1).max(500).optional() })
  .strict();
