import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, Prisma } from "@/lib/server/db";
import { decodeCursor, encodeCursor } from "@/lib/server/http/cursor";
import { visibleAnnotationsWhere } from "@/lib/server/permissions";

import { notificationUrl, type NotificationView } from "./present-notification";

// The inbox: the actor's notifications, newest first, about what they can still read (a
// workspace they left, a deleted or private annotation drop out, whatever rows remain).

function readableWhere(actor: Actor): Prisma.NotificationWhereInput {
  return {
    userId: actor.userId,
    annotation: {
      deletedAt: null,
      ...visibleAnnotationsWhere(actor.userId),
      document: {
        deletedAt: null,
        workspace: { memberships: { some: { userId: actor.userId } } },
      },
    },
    OR: [{ replyId: null }, { reply: { deletedAt: null } }],
  };
}

export async function listNotifications(
  actor: Actor,
  options: { unread?: boolean; limit: number; cursor?: string },
): Promise<{ items: NotificationView[]; unreadCount: number; nextCursor: string | null }> {
  const cursor = decodeCursor(options.cursor);
  const where: Prisma.NotificationWhereInput = {
    AND: [
      readableWhere(actor),
      options.unread ? { readAt: null } : {},
      cursor
        ? {
            OR: [{ createdAt: { lt: cursor.t } }, { createdAt: cursor.t, id: { lt: cursor.id } }],
          }
        : {},
    ],
  };
  const [rows, unreadCount] = await Promise.all([
    prisma.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: options.limit + 1,
      include: {
        actor: { select: { id: true, name: true } },
        annotation: {
          select: {
            id: true,
            quoteExact: true,
            document: { select: { id: true, title: true } },
          },
        },
        reply: { select: { id: true, bodyText: true } },
      },
    }),
    countUnread(actor),
  ]);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      kind: row.kind,
      read: row.readAt !== null,
      createdAt: row.createdAt.toISOString(),
      actor: row.actor,
      annotation: {
        id: row.annotation!.id,
        documentId: row.annotation!.document.id,
        documentTitle: row.annotation!.document.title,
        quote: row.annotation!.quoteExact,
      },
      reply: row.reply ? { id: row.reply.id, excerpt: row.reply.bodyText.slice(0, 280) } : null,
      url: notificationUrl(row.annotation!.document.id, row.annotation!.id),
    })),
    unreadCount,
    nextCursor:
      rows.length > options.limit && last ? encodeCursor({ t: last.createdAt, id: last.id }) : null,
  };
}

export function countUnread(actor: Actor): Promise<number> {
  return prisma.notification.count({ where: { AND: [readableWhere(actor), { readAt: null }] } });
}

/** Marks the actor's notifications read: the ones named, or all. Others' ids are ignored. */
export async function markNotificationsRead(
  actor: Actor,
  ids?: string[],
): Promise<{ updated: number }> {
  const { count } = await prisma.notification.updateMany({
    where: { userId: actor.userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { updated: count };
}
