"use client";

import { XIcon } from "lucide-react";
import { useId, useState, type KeyboardEvent } from "react";

import { Button } from "@/components/ui/button";
import { normalizeTagName } from "@/lib/shared/schemas/annotation";

import type { TagItem } from "./types";

// Tags for the selection: type to autocomplete from the workspace's vocabulary or to create a
// new tag; Enter adds, Enter on an empty field saves, Backspace removes the last, Esc cancels.
// The chosen tags are kept for the next annotation.
export function TagPicker(props: {
  vocabulary: TagItem[];
  initial: string[];
  onSubmit: (tags: string[]) => void;
  onCancel: () => void;
}) {
  const [chosen, setChosen] = useState<string[]>(props.initial);
  const [draft, setDraft] = useState("");
  const listId = useId();
  const has = (name: string) =>
    chosen.some((tag) => normalizeTagName(tag) === normalizeTagName(name));

  function add(name: string) {
    const trimmed = name.trim();
    if (!trimmed || has(trimmed)) return;
    const known = props.vocabulary.find(
      (tag) => normalizeTagName(tag.name) === normalizeTagName(trimmed),
    );
    setChosen([...chosen, known?.name ?? trimmed]);
    setDraft("");
  }

  function onKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      if (draft.trim()) add(draft);
      else props.onSubmit(chosen);
    } else if (event.key === "Escape") {
      event.stopPropagation();
      props.onCancel();
    } else if (event.key === "Backspace" && !draft && chosen.length) {
      setChosen(chosen.slice(0, -1));
    }
  }

  return (
    <div className="flex max-w-[min(90vw,28rem)] flex-wrap items-center gap-1 p-1">
      {chosen.map((tag) => (
        <span
          key={tag}
          className="bg-ink/5 inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs"
        >
          {tag}
          <button
            type="button"
            onClick={() => setChosen(chosen.filter((item) => item !== tag))}
            aria-label={`Remove tag ${tag}`}
          >
            <XIcon className="size-3" />
          </button>
        </span>
      ))}
      <label className="sr-only" htmlFor={`${listId}-input`}>
        Tag
      </label>
      <input
        id={`${listId}-input`}
        autoFocus
        list={listId}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKey}
        placeholder="Add a tag…"
        maxLength={60}
        className="border-line h-8 min-w-32 flex-1 rounded border px-2 text-sm"
      />
      <datalist id={listId}>
        {props.vocabulary
          .filter((tag) => !has(tag.name))
          .map((tag) => (
            <option key={tag.id} value={tag.name}>
              {tag.count} uses
            </option>
          ))}
      </datalist>
      <Button
        type="button"
        size="sm"
        onClick={() => {
          const final = draft.trim() && !has(draft) ? [...chosen, draft.trim()] : chosen;
          props.onSubmit(final);
        }}
      >
        Save
      </Button>
    </div>
  );
}
