import "server-only";

import { annotationInclude, presentAnnotation } from "@/lib/server/annotations/present-annotation";
import { livePrisma } from "@/lib/server/db";
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
    const row = await livePrisma().membership.findUnique({
      where: { workspaceId_userId: { workspaceId, userId } },
      include: { workspace: { select: { settings: true } } },
    });
    return row ? membershipContext(row) : null;
  });
}

const ANNOTATION_EVENTS = new Set([
  "annotation.created",
  "annotation.updated",
  "annotation.spotlighted",
]);
const REPLY_EVENTS = new Set(["reply.created", "reply.updated", "reply.deleted"]);

/** Loads every row a batch of events needs in two queries, once for all its subscribers. */
export function preloadRows(events: LogEvent[], memo: Memo): Promise<void> {
  return memo(`preload:${events[0]?.seq}:${events.at(-1)?.seq}`, async () => {
    const annotationIds = events
      .filter((e) => ANNOTATION_EVENTS.has(e.type))
      .map((e) => e.subjectId);
    const replyIds = events.filter((e) => REPLY_EVENTS.has(e.type)).map((e) => e.subjectId);
    const [annotations, replies] = await Promise.all([
      annotationIds.length
        ? livePrisma().annotation.findMany({
            where: { id: { in: annotationIds } },
            include: annotationInclude,
          })
        : [],
      replyIds.length
        ? livePrisma().reply.findMany({
            where: { id: { in: replyIds } },
            include: {
              ...replyInclude,
              annotation: { select: { authorId: true, visibility: true, deletedAt: true } },
            },
          })
        : [],
    ]);
    const byAnnotation = new Map(annotations.map((row) => [row.id, row]));
    const byReply = new Map(replies.map((row) => [row.id, row]));
    for (const id of annotationIds) void memo(`a:${id}`, async () => byAnnotation.get(id) ?? null);
    for (const id of replyIds) void memo(`r:${id}`, async () => byReply.get(id) ?? null);
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
        livePrisma().annotation.findUnique({
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
        livePrisma().reply.findUnique({
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
        livePrisma().annotation.findUnique({
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
