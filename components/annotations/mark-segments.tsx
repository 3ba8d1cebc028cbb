import type { ReactNode } from "react";

import type { AnnotationItem } from "./types";

/** The fallback where the Custom Highlight API is missing: the block's text cut at every
 * annotation boundary, covered pieces wrapped in <mark>. */
export function markSegments(
  text: string,
  start: number,
  annotations: AnnotationItem[],
  colorOf: (item: AnnotationItem) => string,
): ReactNode {
  const end = start + text.length;
  const inBlock = annotations.filter(
    (item) => item.anchor.start !== null && item.anchor.start < end && item.anchor.end! > start,
  );
  if (!inBlock.length) return text;
  const cuts = new Set([start, end]);
  for (const item of inBlock) {
    cuts.add(Math.max(start, item.anchor.start!));
    cuts.add(Math.min(end, item.anchor.end!));
  }
  const points = [...cuts].sort((a, b) => a - b);
  return points.slice(0, -1).map((from, i) => {
    const to = points[i + 1]!;
    const covering = inBlock.filter((item) => item.anchor.start! <= from && item.anchor.end! >= to);
    const piece = text.slice(from - start, to - start);
    return covering.length ? (
      <mark
        key={from}
        style={{
          backgroundColor: `color-mix(in srgb, ${colorOf(covering[0]!)} ${Math.min(70, 30 * covering.length)}%, transparent)`,
          color: "inherit",
        }}
      >
        {piece}
      </mark>
    ) : (
      piece
    );
  });
}
