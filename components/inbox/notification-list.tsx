"use client";

import { AtSignIcon, MessageSquareIcon } from "lucide-react";
import Link from "next/link";

import { TimeAgo } from "@/components/ui/time-ago";
import { cn } from "@/lib/client/cn";
import { excerpt } from "@/lib/shared/text/excerpt";

export interface InboxItem {
  id: string;
  kind: "mention" | "reply";
  read: boolean;
  createdAt: string;
  actor: { id: string; name: string } | null;
  annotation: { documentTitle: string; quote: string };
  reply: { excerpt: string } | null;
  url: string;
}

// The inbox's rows: who did what on which passage, newest first, unread ones marked. Opening
// one marks it read (in the background) and goes to the passage.
export function NotificationList({ items }: { items: InboxItem[] }) {
  function markRead(id: string) {
    void fetch("/api/v1/notifications/read", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ids: [id] }),
      keepalive: true,
    }).catch(() => {});
  }
  return (
    <ul
      className="divide-line border-line divide-y rounded-xl border bg-white"
      aria-label="Notifications"
    >
      {items.map((item) => {
        const who = item.actor?.name ?? "Someone";
        const Icon = item.kind === "mention" ? AtSignIcon : MessageSquareIcon;
        return (
          <li key={item.id} data-notification={item.id} data-unread={item.read ? undefined : ""}>
            <Link
              href={item.url}
              onClick={() => !item.read && markRead(item.id)}
              className={cn(
                "hover:bg-ink/3 flex gap-3 px-4 py-3 sm:px-5",
                !item.read && "bg-accent-soft/40",
              )}
            >
              <Icon className="text-muted mt-0.5 size-4 shrink-0" aria-hidden />
              <span className="min-w-0 flex-1">
                <span className="block text-sm">
                  <span className="font-medium">{who}</span>{" "}
                  {item.kind === "mention" ? "mentioned you" : "replied"} on{" "}
                  <span className="font-serif">“{excerpt(item.annotation.quote, 80)}”</span> in{" "}
                  <span className="font-medium">{item.annotation.documentTitle}</span>
                  {!item.read && <span className="sr-only"> (unread)</span>}
                </span>
                {item.reply?.excerpt && (
                  <span className="text-muted mt-0.5 block truncate text-sm">
                    {item.reply.excerpt}
                  </span>
                )}
                <TimeAgo iso={item.createdAt} className="text-muted mt-0.5 block text-xs" />
              </span>
              {!item.read && (
                <span className="bg-accent mt-1.5 size-2 shrink-0 rounded-full" aria-hidden />
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
