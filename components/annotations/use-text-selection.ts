"use client";

import { useCallback, useEffect, useState } from "react";

import { selectionOffsets, type TextRange } from "@/lib/client/anchoring-dom";

export type PlacedSelection = TextRange & { top: number; left: number };

const TOOLBAR_WIDTH = 360;

/** The reader's current selection as text offsets, with where its toolbar goes (above the
 * selection, inside the article). Frozen while `paused` (the tag picker is open). */
export function useTextSelection(root: HTMLElement | null, paused: boolean) {
  const [selection, setSelection] = useState<PlacedSelection | null>(null);

  const readSelection = useCallback(() => {
    if (!root) return;
    const range = selectionOffsets(root, window.getSelection());
    if (!range) return setSelection(null);
    const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    setSelection({ ...range, ...place(root, rect) });
  }, [root]);

  useEffect(() => {
    const onChange = () => {
      if (!paused) readSelection();
    };
    document.addEventListener("selectionchange", onChange);
    // A selection made before the page came to life still gets its toolbar.
    const initial = setTimeout(onChange, 0);
    return () => {
      clearTimeout(initial);
      document.removeEventListener("selectionchange", onChange);
    };
  }, [readSelection, paused]);

  /** Selects a whole block ("Annotate this paragraph", for keyboard and screen-reader users). */
  const selectBlock = useCallback(
    (index: number) => {
      const block = root?.querySelector<HTMLElement>(`#b${index}`);
      if (!block || !root || !block.firstChild) return;
      const range = document.createRange();
      range.selectNodeContents(block);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setSelection({
        start: Number(block.dataset.start),
        end: Number(block.dataset.end),
        ...place(root, block.getBoundingClientRect()),
        left: 0,
      });
    },
    [root],
  );

  const clear = useCallback(() => {
    window.getSelection()?.removeAllRanges();
    setSelection(null);
  }, []);

  return { selection, selectBlock, clear };
}

/** Above the selection; below it on touch screens, where the system's own menu sits above. */
function place(root: HTMLElement, rect: DOMRect): { top: number; left: number } {
  const frame = root.getBoundingClientRect();
  const touch = window.matchMedia?.("(pointer: coarse)").matches;
  return {
    top: touch ? rect.bottom - frame.top + 12 : rect.top - frame.top - 48,
    left: Math.max(0, Math.min(rect.left - frame.left, root.clientWidth - TOOLBAR_WIDTH)),
  };
}
