"use client";

import { startTransition, useEffect, useState, type ReactNode } from "react";

import { AnnotationCard } from "./annotation-card";
import type { AnnotationItem } from "./types";

// The margin: one card per annotation in document order, the accessible mirror of the
// highlights; annotations whose passage is gone have their own list below. Thousands of cards
// are not rendered in one go: the first few come with the page, the rest in chunks between
// frames, so no single task grows with the number of annotations.

const FIRST = 40;
const CHUNK = 150;

export interface MarginProps {
  annotations: AnnotationItem[]; // in document order, orphans last
  colorOf: (annotation: AnnotationItem) => string;
  tagColor: (name: string) => string;
  focusedId: string | null;
  /** The annotation whose comment editor opens at once (the toolbar's Comment). */
  composingId: string | null;
  onComposed: () => void;
  onChange: (annotation: AnnotationItem) => void;
  /** A reply of an annotation was posted (+1) or deleted (-1). */
  onReplyCount: (annotationId: string, replyId: string, delta: number) => void;
  /** Every card must exist (a card was asked for). */
  renderAll: boolean;
  /** Keeps a card's element (the returned function forgets it again). */
  registerCard: (id: string, element: HTMLElement) => () => void;
  onFocusCard: (id: string) => void;
  onResolve: (id: string, status: "open" | "resolved") => void;
  onDelete: (id: string) => void;
  colorBy: "tag" | "author";
  onColorBy: (value: "tag" | "author") => void;
  filters: ReactNode;
  /** Filters narrow the list (changes what an empty margin says). */
  filtered: boolean;
  /** Who reads now, and the follow-spotlight switch. */
  liveBar: ReactNode;
  /** The annotation last spotlighted by a moderator. */
  spotlitId: string | null;
  /** Owners and moderators: bring every present reader to a card. */
  onSpotlight?: (id: string) => void;
}

export function Margin(props: MarginProps) {
  const { annotations } = props;
  const [shown, setShown] = useState(FIRST);
  useEffect(() => {
    if (shown >= annotations.length) return;
    const timer = setTimeout(() => startTransition(() => setShown((count) => count + CHUNK)), 16);
    return () => clearTimeout(timer);
  }, [shown, annotations.length]);
  const limit = props.renderAll ? annotations.length : shown;
  const firstOrphan = annotations.findIndex((item) => item.anchor.start === null);
  const placed = firstOrphan < 0 ? annotations : annotations.slice(0, firstOrphan);
  const orphans = firstOrphan < 0 ? [] : annotations.slice(firstOrphan);

  const card = (annotation: AnnotationItem) => (
    <li key={annotation.id}>
      <AnnotationCard
        ref={(element) => (element ? props.registerCard(annotation.id, element) : undefined)}
        annotation={annotation}
        color={props.colorOf(annotation)}
        tagColor={props.tagColor}
        focused={props.focusedId === annotation.id}
        composing={props.composingId === annotation.id}
        onComposed={props.onComposed}
        onChange={props.onChange}
        onReplyCount={(replyId, delta) => props.onReplyCount(annotation.id, replyId, delta)}
        spotlit={props.spotlitId === annotation.id}
        onSpotlight={
          props.onSpotlight && annotation.visibility === "workspace"
            ? () => props.onSpotlight!(annotation.id)
            : undefined
        }
        onFocus={() => props.onFocusCard(annotation.id)}
        onResolve={(status) => props.onResolve(annotation.id, status)}
        onDelete={() => props.onDelete(annotation.id)}
      />
    </li>
  );

  return (
    <section aria-label="Annotations" className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">
          {annotations.length} {annotations.length === 1 ? "annotation" : "annotations"}
        </h2>
        <label className="text-muted flex items-center gap-1.5 text-xs" data-no-print>
          <span>Colour by</span>
          <select
            aria-label="Colour highlights by"
            value={props.colorBy}
            onChange={(event) => props.onColorBy(event.target.value as "tag" | "author")}
            className="border-line rounded border bg-white px-1 py-0.5"
          >
            <option value="tag">tag</option>
            <option value="author">author</option>
          </select>
        </label>
      </div>
      {props.liveBar}
      {props.filters}
      {placed.length > 0 && (
        <ol className="space-y-2" aria-label="Annotations in document order">
          {placed.slice(0, limit).map(card)}
        </ol>
      )}
      {orphans.length > 0 && (
        <section aria-labelledby="orphans-heading" className="border-line border-t pt-3">
          <h3 id="orphans-heading" className="text-sm font-semibold">
            Passages no longer in the text · {orphans.length}
          </h3>
          <p className="text-muted mt-1 mb-2 text-xs">
            The article was revised and these quotes could not be found again. They keep their tags
            and discussion.
          </p>
          <ol className="space-y-2" aria-label="Annotations whose passage is gone">
            {orphans.slice(0, Math.max(0, limit - placed.length)).map(card)}
          </ol>
        </section>
      )}
      {annotations.length === 0 && (
        <p className="text-muted text-sm">
          {props.filtered
            ? "No annotation matches these filters."
            : "Select a passage to highlight it."}
        </p>
      )}
    </section>
  );
}
