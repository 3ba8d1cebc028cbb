"use client";

import type { JSONContent } from "@tiptap/core";
import {
  CornerDownRightIcon,
  LoaderCircleIcon,
  PencilIcon,
  ReplyIcon,
  Trash2Icon,
} from "lucide-react";
import { useCallback, useEffect, useMemo, useState } from "react";

import { CommentBody } from "@/components/editor/comment-body";
import { LazyCommentEditor } from "@/components/editor/lazy-comment-editor";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { TimeAgo } from "@/components/ui/time-ago";
import { api, ApiError } from "@/lib/client/api";
import { cn } from "@/lib/client/cn";
import { layoutThread } from "@/lib/shared/threads/layout";

import { useThreadContext } from "./thread-context";
import type { ReplyItem } from "./types";

// An annotation's thread: replies in the order they were written, answers under what they
// answer, nested up to three levels (deeper answers sit at the third level with "in reply to").
// A deleted reply stays as a tombstone while answers hang below it.

interface Props {
  annotationId: string;
  canReply: boolean;
  /** A reply was posted (+1) or deleted (-1): the margin's count follows (by reply id, so a
   * reply counted once is not counted again when it comes back live). */
  onCountDelta: (replyId: string, delta: number) => void;
}

export function Thread({ annotationId, canReply, onCountDelta }: Props) {
  const { mentionables, draftScope, replies: bus } = useThreadContext();
  const [replies, setReplies] = useState<ReplyItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      const items: ReplyItem[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
        const page: { items: ReplyItem[]; nextCursor: string | null } = await api(
          `/api/v1/annotations/${annotationId}/replies?limit=500${query}`,
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && !cancelled);
      return items;
    };
    load()
      .then((items) => !cancelled && setReplies(items))
      .catch((cause: unknown) => {
        if (!cancelled)
          setError(cause instanceof ApiError ? cause.message : "The thread could not be loaded");
      });
    return () => {
      cancelled = true;
    };
  }, [annotationId]);

  const change = useCallback(
    (next: (current: ReplyItem[]) => ReplyItem[]) => setReplies((current) => next(current ?? [])),
    [],
  );

  const post = useCallback(
    async (body: JSONContent, parentId: string | null) => {
      const created = await api<ReplyItem>(`/api/v1/annotations/${annotationId}/replies`, {
        method: "POST",
        json: { body, parentId },
      });
      change((current) =>
        current.some((item) => item.id === created.id) ? current : [...current, created],
      );
      onCountDelta(created.id, 1);
    },
    [annotationId, change, onCountDelta],
  );

  // Other readers' replies, as they happen.
  useEffect(
    () =>
      bus.subscribe(annotationId, (live) =>
        change((current) => {
          if (live.type === "deleted")
            return current.map((item) =>
              item.id === live.id
                ? { ...item, deleted: true, body: null, bodyHtml: null, abilities: none }
                : item,
            );
          const known = current.some((item) => item.id === live.reply.id);
          if (live.type === "created" && !known) return [...current, live.reply];
          return current.map((item) => (item.id === live.reply.id ? live.reply : item));
        }),
      ),
    [bus, annotationId, change],
  );

  const rows = useMemo(() => layoutThread(replies ?? []), [replies]);

  if (error) return <FieldError className="text-xs">{error}</FieldError>;
  if (!replies)
    return (
      <p className="text-muted flex items-center gap-1 text-xs" role="status">
        <LoaderCircleIcon className="size-3 animate-spin" aria-hidden /> Loading the thread…
      </p>
    );
  return (
    <div className="space-y-2" data-thread={annotationId}>
      {rows.length > 0 && (
        <ol className="space-y-2" aria-label="Replies">
          {rows.map(({ reply, depth, inReplyTo }) => (
            <li
              key={reply.id}
              style={{ marginLeft: `${depth * 0.875}rem` }}
              className={cn(depth > 0 && "border-line border-l-2 pl-2")}
            >
              <ReplyView
                reply={reply}
                inReplyTo={inReplyTo}
                onReply={(body) => post(body, reply.id)}
                onChange={(updated) => {
                  if (updated.deleted && !reply.deleted) onCountDelta(updated.id, -1);
                  change((current) =>
                    current.map((item) => (item.id === updated.id ? updated : item)),
                  );
                }}
              />
            </li>
          ))}
        </ol>
      )}
      {canReply && (
        <LazyCommentEditor
          draftKey={`${draftScope}:reply:${annotationId}`}
          label="Reply to this annotation"
          placeholder="Reply…"
          submitLabel="Reply"
          mentionables={mentionables}
          onSubmit={(body) => post(body, null)}
        />
      )}
    </div>
  );
}

function ReplyView(props: {
  reply: ReplyItem;
  inReplyTo: string | null;
  onReply: (body: JSONContent) => Promise<void>;
  onChange: (reply: ReplyItem) => void;
}) {
  const { reply } = props;
  const { mentionables, draftScope } = useThreadContext();
  const [mode, setMode] = useState<"read" | "reply" | "edit">("read");
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    if (!window.confirm("Delete this reply?")) return;
    try {
      await api(`/api/v1/replies/${reply.id}`, { method: "DELETE" });
      props.onChange({ ...reply, deleted: true, body: null, bodyHtml: null, abilities: none });
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : "The reply could not be deleted");
    }
  }

  if (reply.deleted)
    return (
      <p className="text-muted text-xs italic" data-reply={reply.id}>
        This reply was deleted.
      </p>
    );
  return (
    <article className="text-sm" data-reply={reply.id} aria-label={`Reply by ${reply.author.name}`}>
      <p className="text-muted flex flex-wrap items-center gap-x-1.5 text-xs">
        <span className="text-ink font-medium">{reply.importedAuthor ?? reply.author.name}</span>
        {reply.importedAuthor && <span className="italic">(imported by {reply.author.name})</span>}
        <TimeAgo iso={reply.createdAt} />
        {reply.editedAt && <span title={new Date(reply.editedAt).toUTCString()}>· edited</span>}
        {props.inReplyTo && (
          <span className="inline-flex items-center gap-0.5">
            <CornerDownRightIcon className="size-3" aria-hidden /> in reply to {props.inReplyTo}
          </span>
        )}
      </p>
      {mode === "edit" ? (
        <div className="mt-1">
          <LazyCommentEditor
            draftKey={`${draftScope}:edit:${reply.id}`}
            label="Edit your reply"
            submitLabel="Save"
            initialContent={reply.body}
            mentionables={mentionables}
            autoFocus
            onCancel={() => setMode("read")}
            onSubmit={async (body) => {
              const updated = await api<ReplyItem>(`/api/v1/replies/${reply.id}`, {
                method: "PATCH",
                json: { body },
              });
              props.onChange(updated);
              setMode("read");
            }}
          />
        </div>
      ) : (
        <CommentBody html={reply.bodyHtml ?? ""} className="mt-0.5" />
      )}
      {mode !== "edit" && (
        <div className="mt-0.5 flex flex-wrap gap-1">
          {reply.abilities.reply && (
            <Button
              size="sm"
              variant="ghost"
              className="h-7 px-2 text-xs"
              aria-expanded={mode === "reply"}
              onClick={() => setMode(mode === "reply" ? "read" : "reply")}
            >
              <ReplyIcon aria-hidden /> Reply
            </Button>
          )}
          {reply.abilities.update && (
            <Button
              size="sm"
              variant="ghost"
              className="h-7 px-2 text-xs"
              onClick={() => setMode("edit")}
            >
              <PencilIcon aria-hidden /> Edit
            </Button>
          )}
          {reply.abilities.delete && (
            <Button
              size="sm"
              variant="ghost"
              className="h-7 px-2 text-xs"
              onClick={() => void remove()}
            >
              <Trash2Icon aria-hidden /> Delete
            </Button>
          )}
        </div>
      )}
      {error && <FieldError className="text-xs">{error}</FieldError>}
      {mode === "reply" && (
        <div className="mt-1">
          <LazyCommentEditor
            draftKey={`${draftScope}:reply:${reply.annotationId}:${reply.id}`}
            label={`Reply to ${reply.author.name}`}
            placeholder={`Reply to ${reply.author.name}…`}
            submitLabel="Reply"
            mentionables={mentionables}
            autoFocus
            onCancel={() => setMode("read")}
            onSubmit={async (body) => {
              await props.onReply(body);
              setMode("read");
            }}
          />
        </div>
      )}
    </article>
  );
}

const none = { update: false, delete: false, reply: false };
