"use client";

import { useEffect, useState, type CSSProperties } from "react";
import { createPortal } from "react-dom";

import { cn } from "@/lib/client/cn";

import type { MentionMenu } from "./mentions";

const WIDTH = 288;
const MAX_HEIGHT = 264;
const GAP = 4;
const MARGIN = 8;

function placeUnder(caret: DOMRect): CSSProperties {
  const width = Math.min(WIDTH, window.innerWidth - 2 * MARGIN);
  const left = Math.max(MARGIN, Math.min(caret.left, window.innerWidth - width - MARGIN));
  const below = window.innerHeight - caret.bottom - GAP - MARGIN;
  // Under the caret, unless there is no room there and more above.
  if (below < Math.min(MAX_HEIGHT, 160) && caret.top > below) {
    return { left, width, bottom: window.innerHeight - caret.top + GAP, maxHeight: MAX_HEIGHT };
  }
  return { left, width, top: caret.bottom + GAP, maxHeight: MAX_HEIGHT };
}

/** The list of members under the caret while an @mention is being typed. The editor keeps the
 * focus: the text box points at the highlighted option with aria-activedescendant. */
export function MentionPopup({
  menu,
  listboxId,
  optionId,
}: {
  menu: MentionMenu;
  listboxId: string;
  optionId: (index: number) => string;
}) {
  // Follow the caret when the page scrolls or the window is resized.
  const [, setLayoutTick] = useState(0);
  useEffect(() => {
    const relayout = () => setLayoutTick((tick) => tick + 1);
    window.addEventListener("scroll", relayout, true);
    window.addEventListener("resize", relayout);
    return () => {
      window.removeEventListener("scroll", relayout, true);
      window.removeEventListener("resize", relayout);
    };
  }, []);

  // Keep the highlighted option in view inside the list (and only there: the list is fixed).
  useEffect(() => {
    const option = document.getElementById(optionId(menu.selected));
    const list = option?.parentElement;
    if (!option || !list) return;
    if (option.offsetTop < list.scrollTop) list.scrollTop = option.offsetTop;
    else if (option.offsetTop + option.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = option.offsetTop + option.offsetHeight - list.clientHeight;
    }
  }, [menu.selected, optionId]);

  const caret = menu.caretRect();
  if (!caret) return null;
  const frame =
    "border-line fixed z-50 overflow-y-auto rounded-md border bg-white p-1 text-sm shadow-lg";

  if (menu.items.length === 0) {
    return createPortal(
      <div role="status" className={cn(frame, "text-muted px-3 py-2")} style={placeUnder(caret)}>
        No member matches
      </div>,
      document.body,
    );
  }

  return createPortal(
    <div
      id={listboxId}
      role="listbox"
      aria-label="Members to mention"
      className={frame}
      style={placeUnder(caret)}
      // Clicking an option must not take the focus (and the selection) from the editor.
      onMouseDown={(event) => event.preventDefault()}
    >
      {menu.items.map((item, index) => (
        <div
          key={item.id}
          id={optionId(index)}
          role="option"
          aria-selected={index === menu.selected}
          onMouseMove={() => menu.highlight(index)}
          onClick={() => menu.choose(index)}
          className={cn(
            "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5",
            index === menu.selected ? "bg-accent-soft text-ink" : "text-ink/90",
          )}
        >
          <span
            aria-hidden
            className="bg-ink/5 text-muted flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-medium"
          >
            {initials(item.name)}
          </span>
          <span className="truncate">{item.name}</span>
        </div>
      ))}
    </div>,
    document.body,
  );
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((word) => Array.from(word)[0]?.toLocaleUpperCase() ?? "").join("");
}
