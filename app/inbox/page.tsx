import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

import { NotificationList } from "@/components/inbox/notification-list";
import { ActionForm } from "@/components/ui/action-form";
import { requirePageActor } from "@/lib/server/auth/current-actor";
import { listNotifications } from "@/lib/server/notifications/list-notifications";

import { markAllReadAction } from "./actions";

export const metadata: Metadata = { title: "Inbox" };

type Props = { searchParams: Promise<{ cursor?: string }> };

// The reader's inbox: mentions of them and replies in threads they take part in.
export default async function InboxPage({ searchParams }: Props) {
  await connection();
  const actor = await requirePageActor("/inbox");
  const { cursor } = await searchParams;
  const inbox = await listNotifications(actor, {
    limit: 50,
    cursor: typeof cursor === "string" && cursor.length <= 512 ? cursor : undefined,
  }).catch(() => listNotifications(actor, { limit: 50 }));
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:px-6 sm:py-12">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="font-serif text-3xl font-semibold tracking-tight">Inbox</h1>
          <p className="text-muted mt-1">
            {inbox.unreadCount === 0
              ? "Nothing unread."
              : `${inbox.unreadCount} unread ${inbox.unreadCount === 1 ? "notification" : "notifications"}.`}{" "}
            Mentions of you, and replies in threads you take part in.
          </p>
        </div>
        {inbox.unreadCount > 0 && (
          <ActionForm
            action={markAllReadAction}
            submitLabel="Mark all read"
            variant="secondary"
            size="sm"
            className="space-y-1"
          />
        )}
      </div>
      {inbox.items.length === 0 ? (
        <p className="border-line text-muted rounded-xl border border-dashed p-8 text-center">
          No notifications yet. When someone mentions you with @ or answers in a thread of yours, it
          shows here.
        </p>
      ) : (
        <NotificationList items={inbox.items} />
      )}
      {inbox.nextCursor && (
        <Link
          href={`/inbox?cursor=${inbox.nextCursor}`}
          className="text-accent text-sm underline underline-offset-2"
        >
          Older notifications
        </Link>
      )}
    </div>
  );
}
