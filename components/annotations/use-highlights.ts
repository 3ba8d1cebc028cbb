"use client";

import { useEffect, useMemo } from "react";

import { rangeFromOffsets } from "@/lib/client/anchoring-dom";

import type { AnnotationItem } from "./types";

// Paints highlights with the CSS Custom Highlight API: the article's DOM is never changed, so
// thousands of highlights cost a Range each and no layout of new elements. Overlaps stay
// visible because each colour is translucent and they add up. Where the API is missing the
// caller renders <mark> elements instead (see `supportsHighlights`).

export function supportsHighlights(): boolean {
  return typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight !== "undefined";
}

const PREFIX = "glossa-";

export function useHighlights(
  root: HTMLElement | null,
  annotations: AnnotationItem[],
  colorOf: (annotation: AnnotationItem) => string,
  focusedId: string | null,
): void {
  const groups = useMemo(() => {
    const byColor = new Map<string, AnnotationItem[]>();
    for (const annotation of annotations) {
      if (annotation.anchor.start === null || annotation.anchor.end === null) continue;
      const color = colorOf(annotation);
      byColor.set(color, [...(byColor.get(color) ?? []), annotation]);
    }
    return byColor;
  }, [annotations, colorOf]);

  useEffect(() => {
    if (!root || !supportsHighlights()) return;
    const blocks = Array.from(root.querySelectorAll<HTMLElement>("[data-start][data-end]"));
    const names: string[] = [];
    const rules: string[] = [];
    let index = 0;
    for (const [color, items] of groups) {
      const ranges = items.flatMap(
        (item) => rangeFromOffsets(root, item.anchor.start!, item.anchor.end!, blocks) ?? [],
      );
      const name = `${PREFIX}${index++}`;
      CSS.highlights.set(name, new Highlight(...ranges));
      names.push(name);
      rules.push(
        `::highlight(${name}) { background-color: color-mix(in srgb, ${color} 32%, transparent); }`,
      );
    }
    const focused = annotations.find((item) => item.id === focusedId);
    if (focused?.anchor.start != null && focused.anchor.end != null) {
      const range = rangeFromOffsets(root, focused.anchor.start, focused.anchor.end, blocks);
      if (range) {
        const focus = new Highlight(range);
        focus.priority = 1;
        CSS.highlights.set(`${PREFIX}focus`, focus);
        names.push(`${PREFIX}focus`);
        rules.push(
          `::highlight(${PREFIX}focus) { background-color: color-mix(in srgb, ${colorOf(focused)} 70%, transparent); color: #000; text-decoration: underline 3px solid #1f2937; }`,
        );
      }
    }
    const style = document.createElement("style");
    // How many are painted, for tests and benchmarks to wait on.
    style.dataset.glossaHighlights = String(
      annotations.filter((item) => item.anchor.start !== null).length,
    );
    style.textContent = rules.join("\n");
    document.head.append(style);
    return () => {
      for (const name of names) CSS.highlights.delete(name);
      style.remove();
    };
  }, [root, groups, annotations, focusedId, colorOf]);
}
