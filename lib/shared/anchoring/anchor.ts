// Re-finding ("re-anchoring") a stored target in a revised text.
//
// Order of the clues, cheapest and most certain first (locate.ts):
//  1. Probes: the quote verbatim at an expected offset (the stored position; in reanchorAll also
//     that position shifted like its neighbours, or carried through a diff of the old text),
//     with prefix and suffix verbatim too: exact, score 1. The context check guards against a
//     repeated phrase that an edit happened to slide onto the old offset; a verbatim quote at
//     the stored offset in changed context goes on to step 2 as the best-placed candidate. An
//     offset the diff proves untouched is taken even if the context around it changed.
//  2. Candidates, each scored by score.ts (quote 50, prefix 20, suffix 20, position 2; see
//     there): every verbatim occurrence of the quote; the old span carried through the diff,
//     when both its ends are in unchanged text (an edit inside a long quote); approximate matches
//     near the expected offset; and, only if none of these is good enough, approximate matches
//     anywhere (with a diff: anywhere the new text changed, see Clues.diff). The best approximate
//     match then has its boundaries aligned with the context.
//  3. The best candidate decides. A verbatim quote stays "exact" whatever its context (score 1
//     when the context agrees, less when it does not), unless the quote is shorter than
//     CONTEXT_LENGTH and its context agrees so poorly that the score falls below
//     FUZZY_THRESHOLD: a short phrase ("Ukraine") found in some unrelated sentence after its own
//     was deleted is a different passage, and attaching a comment to it would be a silent error,
//     where orphaning is a visible one. A longer verbatim quote identifies itself. An approximate
//     candidate is "fuzzy" at or above FUZZY_THRESHOLD and orphaned below it. An orphan's score
//     is that of the best candidate turned down (0 if none), for diagnostics.
//
// An empty quote is orphaned: there is nothing to highlight.

import { diffPositions } from "./diff";
import { locate, maxErrorsFor, Occurrences, type Anchor, type Clues } from "./locate";
import type { Target } from "./selectors";

export { FUZZY_THRESHOLD, MAX_ERRORS, maxErrorsFor, type Anchor, type AnchorState } from "./locate";

/** Unchanged runs this short do not identify another passage (see reanchorAll). */
const IGNORED_RUN = 8;

/** A usable stored position, or null: offsets from another client may be anything. */
function storedPosition(target: Target): { start: number; end: number } | null {
  const position = target.position;
  if (!position) return null;
  const { start, end } = position;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) return null;
  return { start, end };
}

/** Find the target in `text`; see the comment at the top of this file for the rules. */
export function anchor(text: string, target: Target): Anchor {
  const position = storedPosition(target);
  const clues: Clues = {
    expected: position ? Math.min(position.start, text.length) : null,
    probes: position ? [position.start] : [],
    proven: null,
    span: null,
    diff: null,
  };
  return locate(text, target, clues, new Occurrences(text));
}

/**
 * Re-anchor many annotations after an edit; the anchors come back in the targets' order.
 *
 * `oldText` is optional: the text the stored positions refer to. With it, a paragraph-level diff
 * (diff.ts) carries each old position to the new text, so an annotation the edit did not touch
 * costs one string comparison, and those it did are only searched for in what changed. Without
 * it, targets are visited in stored-position order and each is first probed at its stored offset
 * moved by the shift its predecessor turned out to have (an insertion shifts everything after it
 * alike), so only the annotations next to an edit need a search; but a deleted passage is then
 * searched for everywhere, and may land on a near-copy of itself elsewhere in the text.
 * A target whose quote is not in `oldText` at its stored position was made on another revision:
 * it is anchored as if no old text had been given.
 */
export function reanchorAll(text: string, targets: Target[], oldText?: string): Anchor[] {
  const occurrences = new Occurrences(text);
  const map = oldText === undefined ? null : diffPositions(oldText, text);
  const changed = map ? map.changed() : [];
  const positions = targets.map(storedPosition);
  const order = targets.map((_, i) => i);
  const key = (i: number) => positions[i]?.start ?? Infinity;
  order.sort((a, b) => key(a) - key(b) || a - b);

  const anchors = new Array<Anchor>(targets.length);
  let shift = 0;
  for (const i of order) {
    const target = targets[i]!;
    const position = positions[i] ?? null;
    const clues: Clues = { expected: null, probes: [], proven: null, span: null, diff: null };
    if (position) {
      clues.expected = Math.min(position.start + shift, text.length);
      clues.probes = [position.start + shift, position.start];
      if (map && oldText?.startsWith(target.quote.exact, position.start)) {
        const mapped = map.mapRange(position.start, position.start + target.quote.exact.length);
        clues.expected = Math.min(mapped.start, text.length);
        clues.probes.unshift(mapped.start);
        const { start, end } = position;
        // Fuzzy boundaries may overhang the old range by the errors allowed; runs of a few
        // characters anywhere are what the diff's prefix/suffix trimming leaves at stretch edges.
        const slack = maxErrorsFor(target.quote.exact.length);
        clues.diff = {
          changed,
          admits: (from, to) => map.comesFrom(from, to, start, end, slack, IGNORED_RUN),
        };
        if (mapped.intact) clues.proven = mapped.start;
        else if (mapped.startExact && mapped.endExact) clues.span = mapped;
      }
    }
    const result = locate(text, target, clues, occurrences);
    anchors[i] = result;
    if (position && result.start !== null) shift = result.start - position.start;
  }
  return anchors;
}
