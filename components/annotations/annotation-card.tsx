"use client";

import { CheckIcon, LockIcon, RotateCcwIcon, Trash2Icon, UsersIcon } from "lucide-react";
import { forwardRef } from "react";

import { Button } from "@/components/ui/button";
import { cn } from "@/lib/client/cn";

import type { AnnotationItem } from "./types";

// One annotation in the margin: the accessible mirror of its highlight.
export const AnnotationCard = forwardRef<
  HTMLElement,
  {
    annotation: AnnotationItem;
    color: string;
    tagColor: (name: string) => string;
    focused: boolean;
    onFocus: () => void;
    onResolve: (status: "open" | "resolved") => void;
    onDelete: () => void;
  }
>(function AnnotationCard(
  { annotation, color, tagColor, focused, onFocus, onResolve, onDelete },
  ref,
) {
  const quote = annotation.target.quote.exact;
  return (
    <article
      ref={ref}
      tabIndex={0}
      onFocus={onFocus}
      onClick={onFocus}
      aria-label={`Annotation by ${annotation.author.name} on “${quote.slice(0, 60)}${quote.length > 60 ? "…" : ""}”`}
      data-annotation-card={annotation.id}
      className={cn(
        "border-line rounded-lg border bg-white p-3 text-sm shadow-xs outline-none",
        focused && "ring-accent ring-2",
        annotation.status === "resolved" && "opacity-70",
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
      <p className="text-muted mt-2 flex flex-wrap items-center gap-x-2 text-xs">
        <span>{annotation.author.name}</span>
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
      </p>
      {(annotation.abilities.resolve || annotation.abilities.delete) && (
        <div className="mt-2 flex gap-1" data-no-print>
          {annotation.abilities.resolve && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => onResolve(annotation.status === "open" ? "resolved" : "open")}
            >
              {annotation.status === "open" ? (
                <CheckIcon aria-hidden />
              ) : (
                <RotateCcwIcon aria-hidden />
              )}
              {annotation.status === "open" ? "Resolve" : "Reopen"}
            </Button>
          )}
          {annotation.abilities.delete && (
            <Button size="sm" variant="ghost" onClick={onDelete} aria-label="Delete annotation">
              <Trash2Icon aria-hidden /> Delete
            </Button>
          )}
        </div>
      )}
    </article>
  );
});
