"use client";

import { useId, useState, type KeyboardEvent } from "react";

import { Button } from "@/components/ui/button";
import { isSafeHref } from "@/lib/shared/editor/links";

/** What a person typed, made into an absolute URL where that is obvious ("example.org/x"). */
export function normalizeHref(input: string): string {
  const value = input.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(value)) return `mailto:${value}`;
  if (/^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(value)) return `https://${value}`;
  return value;
}

/** The small inline form that asks for a link's address; empty removes the link. */
export function LinkForm({
  initial,
  onApply,
  onRemove,
  onClose,
}: {
  initial: string;
  onApply: (href: string) => void;
  onRemove: () => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  function apply() {
    if (!value.trim()) {
      onRemove();
      return;
    }
    const href = normalizeHref(value);
    if (!isSafeHref(href)) {
      setError("Only web (http, https) and email (mailto) addresses can be linked.");
      return;
    }
    onApply(href);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      apply();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  }

  return (
    <div className="border-line bg-paper/60 border-b px-2 py-2">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="text-muted text-xs font-medium">
          Link
        </label>
        <input
          id={id}
          autoFocus
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://…"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="border-line text-ink placeholder:text-muted/70 focus-visible:border-accent focus-visible:ring-accent/30 aria-invalid:border-danger h-8 min-w-0 flex-1 basis-40 rounded border bg-white px-2 text-base focus-visible:ring-2 focus-visible:outline-none sm:text-sm"
        />
        <div className="flex gap-1">
          <Button type="button" size="sm" onClick={apply}>
            {value.trim() || !initial ? "Apply" : "Remove"}
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-danger mt-1 text-xs">
          {error}
        </p>
      )}
    </div>
  );
}
