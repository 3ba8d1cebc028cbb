"use client";

import type { JSONContent } from "@tiptap/core";
import {
  CheckIcon,
  FlashlightIcon,
  LockIcon,
  MessageSquareIcon,
  PencilIcon,
  RotateCcwIcon,
  Trash2Icon,
  UsersIcon,
} from "lucide-react";
import { forwardRef, useState } from "react";

import { CommentBody } from "@/components/editor/comment-body";
import { LazyCommentEditor } from "@/components/editor/lazy-comment-editor";
import { useThreadContext } from "@/components/threads/thread-context";
import { Thread } from "@/components/threads/thread";
import { Button } from "@/components/ui/button";
import { api, ApiError } from "@/lib/client/api";
import { cn } from "@/lib/client/cn";
import { fromApiAnnotation } from "@/lib/shared/annotations/reader-payload";

import type { AnnotationItem } from "./types";

const ACTION = "h-7 px-2 text-xs";

// One annotation in the margin: the accessible mirror of its highlight, with the annotator's
// comment and, on demand, its thread.
export const AnnotationCard = forwardRef<
  HTMLElement,
  {
    annotation: AnnotationItem;
    color: string;
    tagColor: (name: string) => string;
    focused: boolean;
    /** Open the comment editor at once (the toolbar's Comment). */
    composing: boolean;
    onComposed: () => void;
    onFocus: () => void;
    onResolve: (status: "open" | "resolved") => void;
    onDelete: () => void;
    onChange: (annotation: AnnotationItem) => void;
    onReplyCount: (replyId: string, delta: number) => void;
    /** A moderator brought everyone here. */
    spotlit: boolean;
    onSpotlight?: () => void;
  }
>(function AnnotationCard(props, ref) {
  const { annotation, color, tagColor, focused } = props;
  const { mentionables, draftScope } = useThreadContext();
  const [threadOpen, setThreadOpen] = useState(false);
  const [editing, setEditing] = useState<{ body: JSONContent | null } | null>(null);
  const quote = annotation.target.quote.exact;
  const replies = annotation.replyCount;
  const composing = props.composing || editing !== null;

  const [error, setError] = useState<string | null>(null);
  async function startEditing() {
    try {
      const current = await api<{ body: JSONContent | null }>(
        `/api/v1/annotations/${annotation.id}`,
      );
      setError(null);
      setEditing({ body: current.body });
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : "The comment could not be opened");
    }
  }

  async function saveComment(body: JSONContent) {
    const updated = await api<Parameters<typeof fromApiAnnotation>[0]>(
      `/api/v1/annotations/${annotation.id}`,
      { method: "PATCH", json: { body } },
    );
    props.onChange(fromApiAnnotation(updated));
    setEditing(null);
    props.onComposed();
  }

  return (
    <article
      ref={ref}
      tabIndex={0}
      onFocus={(event) => {
        if (event.target === event.currentTarget) props.onFocus();
      }}
      onClick={props.onFocus}
      aria-label={`Annotation by ${annotation.author.name} on “${quote.slice(0, 60)}${quote.length > 60 ? "…" : ""}”`}
      data-annotation-card={annotation.id}
      className={cn(
        "border-line rounded-lg border bg-white p-3 text-sm shadow-xs outline-none",
        focused && "ring-accent ring-2",
        annotation.status === "resolved" && "opacity-80",
      )}
      style={{ borderLeft: `4px solid ${color}` }}
    >
      <blockquote className="text-ink/85 line-clamp-3 font-serif">{quote}</blockquote>
      {annotation.anchor.state !== "exact" && (
        <p className="text-danger mt-1 text-xs">
          {annotation.anchor.state === "fuzzy"
            ? "Text changed since this was written"
            : "Passage no longer in the text"}
        </p>
      )}
      {annotation.tags.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-1" aria-label="Tags">
          {annotation.tags.map((tag) => (
            <li
              key={tag}
              className="rounded-full px-2 py-0.5 text-xs font-medium"
              style={{ backgroundColor: `color-mix(in srgb, ${tagColor(tag)} 22%, white)` }}
            >
              {tag}
            </li>
          ))}
        </ul>
      )}
      {composing && annotation.abilities.update ? (
        <div className="mt-2" onClick={(event) => event.stopPropagation()}>
          <LazyCommentEditor
            draftKey={`${draftScope}:comment:${annotation.id}`}
            label="Your comment on this passage"
            placeholder="Add a comment…"
            submitLabel={annotation.bodyHtml ? "Save" : "Comment"}
            initialContent={editing?.body ?? null}
            mentionables={mentionables}
            autoFocus
            onCancel={() => {
              setEditing(null);
              props.onComposed();
            }}
            onSubmit={saveComment}
          />
        </div>
      ) : (
        annotation.bodyHtml && <CommentBody html={annotation.bodyHtml} className="mt-2" />
      )}
      <p className="text-muted mt-2 flex flex-wrap items-center gap-x-2 text-xs">
        {annotation.importedAuthor ? (
          <span>
            {annotation.importedAuthor}{" "}
            <span className="italic">(imported by {annotation.author.name})</span>
          </span>
        ) : (
          <span>{annotation.author.name}</span>
        )}
        {annotation.edited && <span>edited</span>}
        {annotation.visibility === "private" ? (
          <span className="text-ink inline-flex items-center gap-1 font-medium">
            <LockIcon className="size-3" aria-hidden /> Private: only you
          </span>
        ) : (
          <span className="inline-flex items-center gap-1">
            <UsersIcon className="size-3" aria-hidden /> Shared with the workspace
          </span>
        )}
        {annotation.status === "resolved" && <span>Resolved</span>}
        {props.spotlit && <span className="text-accent font-medium">Spotlighted</span>}
      </p>
      <div className="mt-1.5 -ml-2 flex flex-wrap gap-0.5" data-no-print>
        <Button
          size="sm"
          variant="ghost"
          className={ACTION}
          aria-expanded={threadOpen}
          onClick={() => setThreadOpen((open) => !open)}
        >
          <MessageSquareIcon aria-hidden />
          {replies === 0 ? "Reply" : `${replies} ${replies === 1 ? "reply" : "replies"}`}
        </Button>
        {annotation.abilities.update && !composing && (
          <Button
            size="sm"
            variant="ghost"
            className={ACTION}
            onClick={() => {
              if (annotation.bodyHtml) void startEditing();
              else setEditing({ body: null });
            }}
          >
            <PencilIcon aria-hidden /> {annotation.bodyHtml ? "Edit comment" : "Comment"}
          </Button>
        )}
        {annotation.abilities.resolve && (
          <Button
            size="sm"
            variant="ghost"
            className={ACTION}
            onClick={() => props.onResolve(annotation.status === "open" ? "resolved" : "open")}
          >
            {annotation.status === "open" ? (
              <CheckIcon aria-hidden />
            ) : (
              <RotateCcwIcon aria-hidden />
            )}
            {annotation.status === "open" ? "Resolve" : "Reopen"}
          </Button>
        )}
        {props.onSpotlight && (
          <Button
            size="sm"
            variant="ghost"
            className={ACTION}
            onClick={props.onSpotlight}
            title="Bring every reader here"
          >
            <FlashlightIcon aria-hidden /> Spotlight
          </Button>
        )}
        {annotation.abilities.delete && (
          <Button
            size="sm"
            variant="ghost"
            className={ACTION}
            onClick={props.onDelete}
            aria-label="Delete annotation"
          >
            <Trash2Icon aria-hidden /> Delete
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-danger mt-1 text-xs">
          {error}
        </p>
      )}
      {threadOpen && (
        <div
          className="border-line mt-2 border-t pt-2"
          onClick={(event) => event.stopPropagation()}
        >
          <Thread
            annotationId={annotation.id}
            canReply={annotation.abilities.reply}
            onCountDelta={props.onReplyCount}
          />
        </div>
      )}
    </article>
  );
});
