import "server-only";

import { AppError } from "@/lib/server/errors";
import type { CreateAnnotationInput } from "@/lib/shared/schemas/annotation";

/** Where a new annotation's quote sits in the current text. The quote must occur verbatim
 * (else 422). The given position wins when the text there is the quote; otherwise, among
 * several occurrences (repeated phrases), the one whose surroundings agree best with the
 * prefix and suffix, then the one nearest the given position. */
export function locateQuote(
  text: string,
  target: CreateAnnotationInput["target"],
): { start: number; end: number } {
  const { exact, prefix, suffix } = target.quote;
  const position = target.position;
  if (position && text.slice(position.start, position.end) === exact)
    return { start: position.start, end: position.end };
  let best: { start: number; score: number; distance: number } | null = null;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const score =
      commonSuffixLength(text.slice(Math.max(0, at - prefix.length), at), prefix) +
      commonPrefixLength(text.slice(at + exact.length, at + exact.length + suffix.length), suffix);
    const distance = position ? Math.abs(at - position.start) : at;
    if (!best || score > best.score || (score === best.score && distance < best.distance))
      best = { start: at, score, distance };
  }
  if (!best) {
    throw new AppError(
      "unprocessable",
      "The quoted text is not in the document's current revision",
      [{ path: "target.quote.exact", message: "does not occur in the text" }],
    );
  }
  return { start: best.start, end: best.start + exact.length };
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return i;
}

function commonSuffixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i += 1;
  return i;
}
