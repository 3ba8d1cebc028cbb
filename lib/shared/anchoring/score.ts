// How well a candidate span in the new text matches a stored target.
//
// Scoring rules (Hypothesis' weights): each clue is a similarity in [0, 1], and the score is their
// weighted mean, so it lies in [0, 1]; a verbatim quote in verbatim context scores 1.
//
//   quote    50  1 - editDistance(exact, candidate) / exact.length
//   prefix   20  1 - edits(stored prefix, text ending at the candidate's start) / prefix.length
//   suffix   20  1 - edits(stored suffix, text starting at the candidate's end) / suffix.length
//   position  2  1 - |candidate start - expected start| / text.length
//
// The quote dominates: a candidate needs most of its characters to be a contender at all. The
// context decides between contenders (repeated phrases, the same words in another paragraph),
// and position only breaks ties between otherwise identical candidates: a large weight would let
// a stale offset outvote the text. An empty context (a passage at the text's edge) carries no
// information and counts as agreeing. The context edits are counted from the passage outwards
// with the far end free, so an insertion right next to the passage costs one edit per inserted
// character, not a whole misaligned context. What the score means for the anchor's state
// (FUZZY_THRESHOLD) is decided in locate.ts.

import type { TextQuoteSelector } from "./selectors";

export const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;

const TOTAL = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

export interface Similarities {
  quote: number;
  prefix: number;
  suffix: number;
  position: number;
}

export function combine(s: Similarities): number {
  const sum =
    WEIGHTS.quote * s.quote +
    WEIGHTS.prefix * s.prefix +
    WEIGHTS.suffix * s.suffix +
    WEIGHTS.position * s.position;
  return Math.min(1, Math.max(0, sum / TOTAL));
}

export function quoteSimilarity(errors: number, quoteLength: number): number {
  return quoteLength === 0 ? 0 : Math.max(0, 1 - errors / quoteLength);
}

/** Full marks with no expected position (nothing to disagree with). */
export function positionSimilarity(start: number, expected: number | null, textLength: number) {
  if (expected === null) return 1;
  return Math.max(0, 1 - Math.abs(start - expected) / Math.max(1, textLength));
}

// Longer stored contexts (from other clients) are cut: the characters next to the passage are
// the ones that identify it, and the dynamic programme below is quadratic in this length.
const MAX_CONTEXT = 64;

// Two rows of the dynamic programme, reused across calls: scoring runs thousands of times per
// re-anchoring and never re-enters itself.
let rowA = new Int32Array(0);
let rowB = new Int32Array(0);

/**
 * Edit distance between `context` and the text read away from `boundary` in direction `dir`
 * (-1: the characters before it, read backwards; +1: those after it). Both sides start at the
 * boundary, and the far end is free: text beyond the last context character costs nothing, so a
 * context that merely shifted by an insertion next to the passage costs one edit per inserted
 * character rather than a whole misaligned string.
 */
function boundaryDistance(
  text: string,
  boundary: number,
  dir: 1 | -1,
  context: string,
  limit: number,
): number {
  const m = context.length;
  const available = dir < 0 ? boundary : text.length - boundary;
  const n = Math.max(0, Math.min(available, m + Math.ceil(m / 2)));
  if (rowA.length < n + 1) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j += 1) prev[j] = j;
  for (let i = 1; i <= m; i += 1) {
    const pc = dir < 0 ? context.charCodeAt(m - i) : context.charCodeAt(i - 1);
    cur[0] = i;
    for (let j = 1; j <= n; j += 1) {
      const tc = dir < 0 ? text.charCodeAt(boundary - j) : text.charCodeAt(boundary + j - 1);
      const diagonal = prev[j - 1]! + (pc === tc ? 0 : 1);
      cur[j] = Math.min(diagonal, prev[j]! + 1, cur[j - 1]! + 1);
    }
    // A row's minimum never decreases further down: past the limit, the answer is known to be.
    let rowMin = cur[0]!;
    for (let j = 1; j <= n; j += 1) rowMin = Math.min(rowMin, cur[j]!);
    if (rowMin > limit) return rowMin;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  let best = m;
  for (let j = 0; j <= n; j += 1) best = Math.min(best, prev[j]!);
  return best;
}

/**
 * Edits between the stored prefix and the text before `start`, and the prefix's length. Past
 * `limit`, the count is only known to exceed it.
 */
export function prefixDistance(
  text: string,
  start: number,
  prefix: string,
  limit = Infinity,
): [number, number] {
  const context = prefix.length > MAX_CONTEXT ? prefix.slice(-MAX_CONTEXT) : prefix;
  if (context.length === 0) return [0, 0];
  if (start >= context.length && text.startsWith(context, start - context.length)) {
    return [0, context.length];
  }
  return [boundaryDistance(text, start, -1, context, limit), context.length];
}

/** Edits between the stored suffix and the text after `end`; see prefixDistance. */
export function suffixDistance(
  text: string,
  end: number,
  suffix: string,
  limit = Infinity,
): [number, number] {
  const context = suffix.slice(0, MAX_CONTEXT);
  if (context.length === 0) return [0, 0];
  if (text.startsWith(context, end)) return [0, context.length];
  return [boundaryDistance(text, end, 1, context, limit), context.length];
}

const similarity = ([errors, length]: [number, number]) => (length === 0 ? 1 : 1 - errors / length);

export function prefixSimilarity(text: string, start: number, prefix: string): number {
  return similarity(prefixDistance(text, start, prefix));
}

export function suffixSimilarity(text: string, end: number, suffix: string): number {
  return similarity(suffixDistance(text, end, suffix));
}

/**
 * The score of the span [start, end) holding the quote with `errors` edits, or -1 when it cannot
 * beat `floor`: the context distances are only computed as far as they could still matter, which
 * is what makes scoring dozens of occurrences of a common phrase cheap. A verbatim quote in
 * verbatim context scores 1 wherever it is: the position ranks identical candidates, it does not
 * make one of them less than certain.
 */
export function scoreMatch(
  text: string,
  quote: TextQuoteSelector,
  start: number,
  end: number,
  errors: number,
  expected: number | null,
  floor = -1,
): number {
  const q = quoteSimilarity(errors, quote.exact.length);
  const position = positionSimilarity(start, expected, text.length);
  // Points that can still be lost on the context while staying at or above the floor.
  let allowance = TOTAL * (1 - floor) - WEIGHTS.quote * (1 - q) - WEIGHTS.position * (1 - position);
  if (allowance < 0) return -1;
  const [prefixErrors, prefixLength] = prefixDistance(
    text,
    start,
    quote.prefix,
    Math.floor((allowance * Math.min(quote.prefix.length, MAX_CONTEXT)) / WEIGHTS.prefix + 1e-9),
  );
  const prefix = similarity([prefixErrors, prefixLength]);
  allowance -= WEIGHTS.prefix * (1 - prefix);
  if (allowance < -1e-9) return -1;
  const [suffixErrors, suffixLength] = suffixDistance(
    text,
    end,
    quote.suffix,
    Math.floor((allowance * Math.min(quote.suffix.length, MAX_CONTEXT)) / WEIGHTS.suffix + 1e-9),
  );
  const suffix = similarity([suffixErrors, suffixLength]);
  if (allowance - WEIGHTS.suffix * (1 - suffix) < -1e-9) return -1;
  if (errors === 0 && prefixErrors === 0 && suffixErrors === 0) return 1;
  return combine({ quote: q, prefix, suffix, position });
}
