import "server-only";

import type { JSONContent } from "@tiptap/core";

import type { prisma, Tx } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

import { parseCommentBody, type CommentBody } from "./comment-body";

/** Mentions name members of the workspace, by their current names: a mention of someone who
 * is not a member is refused (422), and a label that is not the member's name (typed by hand,
 * or stale) is replaced by it, so "@Teacher" can never notify a classmate. */
export async function resolveMentions(
  db: Tx | typeof prisma,
  workspaceId: string,
  body: CommentBody,
): Promise<CommentBody> {
  if (!body.mentions.length) return body;
  const members = await db.membership.findMany({
    where: { workspaceId, userId: { in: body.mentions } },
    select: { userId: true, user: { select: { name: true } } },
  });
  const names = new Map(members.map((member) => [member.userId, member.user.name]));
  const stranger = body.mentions.find((id) => !names.has(id));
  if (stranger)
    throw new AppError("unprocessable", "You can only mention members of this workspace", [
      { path: "body", message: `${stranger} is not a member` },
    ]);
  let changed = false;
  const relabel = (node: JSONContent): JSONContent => {
    if (node.type === "mention" && node.attrs) {
      const name = names.get(String(node.attrs.id));
      if (name && node.attrs.label !== name) {
        changed = true;
        return { ...node, attrs: { ...node.attrs, label: name } };
      }
      return node;
    }
    return node.content ? { ...node, content: node.content.map(relabel) } : node;
  };
  const json = relabel(body.json);
  return changed ? parseCommentBody(json) : body;
}
