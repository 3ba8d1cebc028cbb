// The search behind anchor() and reanchorAll(): gathers candidate spans for one target from the
// clues it is given, scores them (score.ts) and decides the state. The rules are summarised at the
// top of anchor.ts.

import { editDistance, searchIn, spanDistances, type Match } from "./match";
import { prefixDistance, scoreMatch, suffixDistance } from "./score";
import { CONTEXT_LENGTH, type Target } from "./selectors";

export type AnchorState = "exact" | "fuzzy" | "orphaned";

export interface Anchor {
  state: AnchorState;
  score: number;
  start: number | null;
  end: number | null;
}

/**
 * Below it: orphaned. Calibrated on the seed article: the context of an unrelated occurrence of
 * a phrase is about 0.25 similar to the stored one (0.5 at the 99th percentile), so a verbatim
 * short phrase found elsewhere after its own sentence was deleted scores about 0.72, while a
 * phrase whose context was rewritten on one side only scores 0.82 or more. A quote with a tenth
 * of its characters changed passes when its context agrees (0.95), and a quarter changed (the
 * most the search allows) still does (0.86); a changed quote whose context changed too does not.
 */
export const FUZZY_THRESHOLD = 0.8;

/** Approximate matches may differ in a quarter of the quote, at most this many edits. */
export const MAX_ERRORS = 64;

/** How far around the expected offset the local approximate search looks, besides the quote. */
const LOCAL_WINDOW = 1024;

export function maxErrorsFor(quoteLength: number): number {
  return Math.min(MAX_ERRORS, Math.floor(quoteLength / 4));
}

export interface Stretch {
  start: number;
  end: number;
}

export interface Clues {
  /** Where the quote most likely starts now, for the position score and the local search. */
  expected: number | null;
  /** Offsets where a verbatim quote with verbatim context is accepted at once. */
  probes: number[];
  /** An offset in unchanged text per the diff: verbatim there is exact, context or not. */
  proven: number | null;
  /** The old span carried through the diff, when both ends are in unchanged text. */
  span: Stretch | null;
  /**
   * With a diff: the new text's changed stretches, in order, where a passage that moved or was
   * rewritten could be, and whether a span could be this passage at all. Text the edit left
   * alone was some other old passage, so a copy of the quote found there (a repeated phrase, a
   * near-identical paragraph) is not this one, however well it scores. This also keeps the cost
   * of orphans (every annotation of a deleted chapter) proportional to what was inserted instead
   * of to the whole text.
   */
  diff: { changed: Stretch[]; admits(start: number, end: number): boolean } | null;
}

/** Verbatim occurrences of quotes, found once per distinct quote. */
export class Occurrences {
  private readonly cache = new Map<string, number[]>();

  constructor(private readonly text: string) {}

  of(quote: string): number[] {
    let found = this.cache.get(quote);
    if (!found) {
      found = [];
      for (let at = this.text.indexOf(quote); at >= 0; at = this.text.indexOf(quote, at + 1)) {
        found.push(at);
      }
      this.cache.set(quote, found);
    }
    return found;
  }
}

/**
 * Approximate matches within [lo, hi); given the changed stretches, only in the windows where a
 * match could touch one (a match overhangs a stretch by at most its length plus its errors).
 */
function searchNear(
  text: string,
  pattern: string,
  maxErrors: number,
  stretches: Stretch[] | null,
  lo: number,
  hi: number,
): Match[] {
  if (!stretches) return searchIn(text, pattern, maxErrors, lo, hi);
  const margin = pattern.length + maxErrors;
  const matches: Match[] = [];
  let from = -1;
  let to = -1;
  const flush = () => {
    if (to > from) matches.push(...searchIn(text, pattern, maxErrors, from, to));
  };
  for (const stretch of stretches) {
    if (stretch.start - margin >= hi) break;
    const start = Math.max(lo, stretch.start - margin);
    const end = Math.min(hi, stretch.end + margin);
    if (end <= start) continue;
    if (start <= to) {
      to = Math.max(to, end);
    } else {
      flush();
      from = start;
      to = end;
    }
  }
  flush();
  return matches;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
  score: number;
}

export const orphaned = (score: number): Anchor => ({
  state: "orphaned",
  score,
  start: null,
  end: null,
});

function contextAgrees(text: string, target: Target, start: number, end: number): boolean {
  const { prefix, suffix } = target.quote;
  return (
    start >= prefix.length &&
    text.startsWith(prefix, start - prefix.length) &&
    text.startsWith(suffix, end)
  );
}

export function locate(
  text: string,
  target: Target,
  clues: Clues,
  occurrences: Occurrences,
): Anchor {
  const { quote } = target;
  const length = quote.exact.length;
  // Nothing to highlight, and "" occurs everywhere.
  if (length === 0) return orphaned(0);
  const { expected, diff } = clues;
  const allowed = (start: number, end: number) => !diff || diff.admits(start, end);

  for (const at of clues.probes) {
    if (
      at >= 0 &&
      text.startsWith(quote.exact, at) &&
      contextAgrees(text, target, at, at + length) &&
      allowed(at, at + length)
    ) {
      return { state: "exact", score: 1, start: at, end: at + length };
    }
  }
  if (clues.proven !== null && text.startsWith(quote.exact, clues.proven)) {
    const start = clues.proven;
    const score = scoreMatch(text, quote, start, start + length, 0, start);
    return { state: "exact", score, start, end: start + length };
  }

  let best: Candidate | null = null;
  const consider = (start: number, end: number, errors: number, checked = false) => {
    if (!checked && !allowed(start, end)) return;
    const floor = best ? best.score : -1;
    const score = scoreMatch(text, quote, start, end, errors, expected, floor);
    if (score < 0) return;
    if (!best || score > best.score || (score === best.score && errors === 0 && best.errors > 0)) {
      best = { start, end, errors, score };
    }
  };
  const accepted = (candidate: Candidate | null): boolean =>
    !!candidate &&
    (candidate.score >= FUZZY_THRESHOLD || (candidate.errors === 0 && length >= CONTEXT_LENGTH));
  // TypeScript cannot see the closure's assignments to `best`.
  const current = () => best as Candidate | null;

  for (const start of occurrences.of(quote.exact)) consider(start, start + length, 0);

  if (clues.span) {
    // The quote's ends survived but something inside changed: measure how much. A span of a
    // very different length cannot score well, so skip the distance.
    const { start, end } = clues.span;
    const bound = Math.ceil(length / 2);
    if (Math.abs(end - start - length) <= bound) {
      const errors = editDistance(quote.exact, text.slice(start, end), bound);
      if (errors !== null) consider(start, end, errors, true);
    }
  }

  const maxErrors = maxErrorsFor(length);
  const stretches = diff?.changed ?? null;
  if (maxErrors > 0 && expected !== null && (current()?.score ?? 0) < 1) {
    const from = expected - maxErrors - LOCAL_WINDOW;
    const to = expected + length + maxErrors + LOCAL_WINDOW;
    for (const match of searchNear(text, quote.exact, maxErrors, stretches, from, to)) {
      consider(match.start, match.end, match.errors);
    }
  }
  if (maxErrors > 0 && !accepted(current())) {
    for (const match of searchNear(text, quote.exact, maxErrors, stretches, 0, text.length)) {
      consider(match.start, match.end, match.errors);
    }
  }

  let chosen = current();
  if (!chosen) return orphaned(0);
  if (chosen.errors > 0) chosen = refine(text, target, chosen, expected);
  if (!accepted(chosen)) return orphaned(chosen.score);
  return {
    state: chosen.errors === 0 ? "exact" : "fuzzy",
    score: chosen.score,
    start: chosen.start,
    end: chosen.end,
  };
}

/**
 * Moves an approximate match's boundaries to where quote and context align best. The search
 * picks, for each end, the start with the fewest quote errors; after "that the the report" became
 * "that the report", the cheapest start for the old quote "the the report" is "t the report"
 * (2 edits; the prefix then lacks "t ", 2 more) or even "that the report" (2 edits, but 5 in the
 * prefix), while the right one, "the report", costs 4 edits with the prefix verbatim. Where the
 * boundaries go is an alignment question, so this minimises edits in prefix + quote + suffix
 * counted alike (the weighted score would trade a quote character for a cheaper context one),
 * preferring verbatim context on ties; which passage wins stays the weighted score's call.
 */
function refine(
  text: string,
  target: Target,
  candidate: Candidate,
  expected: number | null,
): Candidate {
  const { exact, prefix, suffix } = target.quote;
  let { start, end, errors } = candidate;

  // A span can only win with fewer quote errors than the best total so far, which bounds both
  // the scan and the context distances worth finishing.
  let context = prefixDistance(text, start, prefix)[0];
  let total = errors + context;
  spanDistances(text, exact, end, -1, total, (at, e) => {
    if (e > total) return;
    const p = prefixDistance(text, at, prefix, total - e)[0];
    if (e + p < total || (e + p === total && p < context)) {
      start = at;
      errors = e;
      context = p;
      total = e + p;
    }
  });
  const from = start;
  context = suffixDistance(text, end, suffix)[0];
  total = errors + context;
  spanDistances(text, exact, from, 1, total, (at, e) => {
    if (e > total) return;
    const s = suffixDistance(text, at, suffix, total - e)[0];
    if (e + s < total || (e + s === total && s < context)) {
      end = at;
      errors = e;
      context = s;
      total = e + s;
    }
  });
  if (start === candidate.start && end === candidate.end) return candidate;
  return {
    start,
    end,
    errors,
    score: scoreMatch(text, target.quote, start, end, errors, expected),
  };
}
