"use client";

import { HighlighterIcon, MessageSquarePlusIcon, TagIcon } from "lucide-react";

import { Button } from "@/components/ui/button";

import { TagPicker } from "./tag-picker";
import type { TagItem } from "./types";

// The toolbar over the current selection: Highlight (`h`), Comment (`a`, annotate: highlight
// and open its comment editor), Tag (`t`, opens the tag picker),
// the private switch, and the tags kept from the last annotation.
export function SelectionToolbar(props: {
  position: { top: number; left: number };
  tagging: boolean;
  vocabulary: TagItem[];
  keptTags: string[];
  visibility: "workspace" | "private";
  onVisibility: (value: "workspace" | "private") => void;
  onHighlight: () => void;
  onComment: () => void;
  onTag: () => void;
  onCancelTagging: () => void;
  onSubmitTags: (tags: string[]) => void;
}) {
  return (
    <div
      role="toolbar"
      aria-label="Annotate the selection"
      className="border-line absolute z-20 flex max-w-[calc(100vw-2.5rem)] flex-wrap items-center gap-1 rounded-lg border bg-white p-1 shadow-lg"
      style={{ top: Math.max(0, props.position.top), left: props.position.left }}
      onMouseDown={(event) => event.preventDefault()}
      data-no-print
    >
      {props.tagging ? (
        <TagPicker
          vocabulary={props.vocabulary}
          initial={props.keptTags}
          onCancel={props.onCancelTagging}
          onSubmit={props.onSubmitTags}
        />
      ) : (
        <>
          <Button size="sm" variant="ghost" onClick={props.onHighlight} aria-keyshortcuts="h">
            <HighlighterIcon aria-hidden /> Highlight <kbd className="text-muted text-xs">h</kbd>
          </Button>
          <Button size="sm" variant="ghost" onClick={props.onComment} aria-keyshortcuts="a">
            <MessageSquarePlusIcon aria-hidden /> Comment{" "}
            <kbd className="text-muted text-xs">a</kbd>
          </Button>
          <Button size="sm" variant="ghost" onClick={props.onTag} aria-keyshortcuts="t">
            <TagIcon aria-hidden /> Tag <kbd className="text-muted text-xs">t</kbd>
          </Button>
          <label className="flex items-center gap-1 px-1 text-xs">
            <input
              type="checkbox"
              checked={props.visibility === "private"}
              onChange={(event) =>
                props.onVisibility(event.target.checked ? "private" : "workspace")
              }
            />
            Private
          </label>
          {props.keptTags.length > 0 && (
            <span className="text-muted max-w-32 truncate px-1 text-xs">
              Tags: {props.keptTags.join(", ")}
            </span>
          )}
        </>
      )}
    </div>
  );
}
