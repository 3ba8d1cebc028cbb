import "server-only";

import { annotationInclude, presentAnnotation } from "@/lib/server/annotations/present-annotation";
import { prisma } from "@/lib/server/db";
import {
  canSeeAnnotation,
  membershipContext,
  type MembershipContext,
} from "@/lib/server/permissions";
import { presentReply, replyInclude } from "@/lib/server/replies/present-reply";

import type { LogEvent, Memo } from "./hub";

// What one subscriber receives for one event of the log: the resource as the REST API would
// show it to them (abilities included), or nothing when they could not read it over REST
// (another member's private annotation and its thread). Rows are loaded once per batch.

export interface RenderedEvent {
  id: string;
  event: string;
  data: unknown;
}

/** The subscriber's membership now (null: gone from the workspace), once per batch. */
export function currentMembership(
  memo: Memo,
  workspaceId: string,
  userId: string,
): Promise<MembershipContext | null> {
  return memo(`m:${workspaceId}:${userId}`, async () => {
    const row = await prisma.membership.findUnique({
      where: { workspaceId_userId: { workspaceId, userId } },
      include: { workspace: { select: { settings: true } } },
    });
    return row ? membershipContext(row) : null;
  });
}

export async function renderEvent(
  event: LogEvent,
  membership: MembershipContext,
  memo: Memo,
): Promise<RenderedEvent | null> {
  if (event.audienceUserId && event.audienceUserId !== membership.userId) return null;
  const id = event.seq.toString();
  switch (event.type) {
    case "annotation.created":
    case "annotation.updated": {
      const row = await memo(`a:${event.subjectId}`, () =>
        prisma.annotation.findUnique({
          where: { id: event.subjectId },
          include: annotationInclude,
        }),
      );
      if (!row || row.deletedAt) return null;
      if (!canSeeAnnotation(membership, row))
        // Made private since: it leaves the screens of everyone else.
        return event.type === "annotation.updated"
          ? { id, event: "annotation.deleted", data: { id: row.id } }
          : null;
      return { id, event: event.type, data: presentAnnotation(row, membership) };
    }
    case "reply.created":
    case "reply.updated":
    case "reply.deleted": {
      const row = await memo(`r:${event.subjectId}`, () =>
        prisma.reply.findUnique({
          where: { id: event.subjectId },
          include: {
            ...replyInclude,
            annotation: { select: { authorId: true, visibility: true, deletedAt: true } },
          },
        }),
      );
      if (!row || row.annotation.deletedAt || !canSeeAnnotation(membership, row.annotation))
        return null;
      return {
        id,
        event: event.type,
        data:
          event.type === "reply.deleted"
            ? { id: row.id, annotationId: row.annotationId }
            : presentReply(row, membership),
      };
    }
    case "annotation.spotlighted": {
      const row = await memo(`a:${event.subjectId}`, () =>
        prisma.annotation.findUnique({
          where: { id: event.subjectId },
          include: annotationInclude,
        }),
      );
      if (!row || row.deletedAt || !canSeeAnnotation(membership, row)) return null;
      return { id, event: event.type, data: { id: row.id, at: event.createdAt.toISOString() } };
    }
    case "annotation.deleted":
      return { id, event: event.type, data: { id: event.subjectId } };
    case "document.revised":
      return { id, event: event.type, data: { revisionId: event.subjectId } };
    default:
      return { id, event: event.type, data: { id: event.subjectId } };
  }
}
