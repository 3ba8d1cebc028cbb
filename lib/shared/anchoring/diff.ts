// Carries offsets from an old revision's text to a new one, so that annotations the edit did not
// touch are found by arithmetic instead of search.
//
// The diff is deliberately coarse and cheap (about linear in the texts' length):
//  1. blocks (paragraphs, split on "\n\n") that occur exactly once in both texts are paired, and
//     the longest run of pairs in the same order is kept (patience diff): inserted, deleted and
//     moved paragraphs fall out of it;
//  2. between two kept pairs, the remaining blocks that are mostly alike are paired from both
//     ends (edited paragraphs);
//  3. within each pair and each stretch in between, the common prefix and suffix, character by
//     character, are unchanged too: that keeps everything but the edited words of a paragraph
//     with a typo fixed, a sentence deleted or a paragraph split.
// What remains are "changed" stretches; offsets inside them are only estimated (interpolated),
// good as a search hint but never trusted as a position.

import { SegmentMap, type PositionMap, type Segment } from "./position-map";

export type { MappedRange, PositionMap } from "./position-map";

interface Block {
  start: number;
  end: number;
}

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  for (;;) {
    const at = text.indexOf("\n\n", start);
    if (at < 0) break;
    blocks.push({ start, end: at });
    start = at + 2;
  }
  blocks.push({ start, end: text.length });
  return blocks;
}

/** Pairs [old block, new block] of blocks unique in both texts, in increasing order on both sides. */
function patiencePairs(
  oldText: string,
  oldBlocks: Block[],
  newText: string,
  newBlocks: Block[],
): Array<[number, number]> {
  const seen = new Map<string, { old: number; new: number; oldCount: number; newCount: number }>();
  oldBlocks.forEach((block, i) => {
    const key = oldText.slice(block.start, block.end);
    const entry = seen.get(key);
    if (entry) entry.oldCount += 1;
    else seen.set(key, { old: i, new: -1, oldCount: 1, newCount: 0 });
  });
  newBlocks.forEach((block, j) => {
    const entry = seen.get(newText.slice(block.start, block.end));
    if (!entry) return;
    entry.newCount += 1;
    entry.new = j;
  });
  const pairs: Array<[number, number]> = [];
  for (const entry of seen.values()) {
    if (entry.oldCount === 1 && entry.newCount === 1) pairs.push([entry.old, entry.new]);
  }
  pairs.sort((a, b) => a[0] - b[0]);

  // Longest increasing subsequence of new indices (patience sorting with back links).
  const tails: number[] = [];
  const back = new Array<number>(pairs.length).fill(-1);
  pairs.forEach((pair, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < pair[1]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) back[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const kept: Array<[number, number]> = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = back[i]!) {
    kept.push(pairs[i]!);
  }
  return kept.reverse();
}

/** Lengths of the common prefix and (non-overlapping) common suffix of two ranges. */
function commonEnds(
  oldText: string,
  oldFrom: number,
  oldTo: number,
  newText: string,
  newFrom: number,
  newTo: number,
): [number, number] {
  const shorter = Math.min(oldTo - oldFrom, newTo - newFrom);
  let head = 0;
  while (
    head < shorter &&
    oldText.charCodeAt(oldFrom + head) === newText.charCodeAt(newFrom + head)
  ) {
    head += 1;
  }
  let tail = 0;
  while (
    tail < shorter - head &&
    oldText.charCodeAt(oldTo - 1 - tail) === newText.charCodeAt(newTo - 1 - tail)
  ) {
    tail += 1;
  }
  return [head, tail];
}

/**
 * Between two kept pairs, unmatched blocks that are mostly the same text (a typo fixed, a
 * sentence added) are paired from both ends, so that an edit touching every paragraph (typos
 * fixed throughout) still leaves each paragraph's untouched words mapped. Pairing is kept only
 * where it maps more text than trimming the whole stretch at once: a deletion across paragraph
 * boundaries leaves one paragraph made of two halves, whose tail pairing would lose.
 */
function pairSimilar(
  oldText: string,
  oldBlocks: Block[],
  newText: string,
  newBlocks: Block[],
  anchors: Array<[number, number]>,
): Array<[number, number]> {
  const ends = (i: number, j: number) => {
    const a = oldBlocks[i]!;
    const b = newBlocks[j]!;
    return commonEnds(oldText, a.start, a.end, newText, b.start, b.end);
  };
  const similar = (i: number, j: number, kept: number[]) => {
    const [head, tail] = ends(i, j);
    const longer = Math.max(
      oldBlocks[i]!.end - oldBlocks[i]!.start,
      newBlocks[j]!.end - newBlocks[j]!.start,
    );
    if (2 * (head + tail) < longer) return false;
    kept.push(head + tail);
    return true;
  };
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  let oldAt = 0;
  let newAt = 0;
  for (const [nextI, nextJ] of [...anchors, [oldBlocks.length, newBlocks.length]] as const) {
    const oldTo = nextI < oldBlocks.length ? oldBlocks[nextI]!.start : oldText.length;
    const newTo = nextJ < newBlocks.length ? newBlocks[nextJ]!.start : newText.length;
    const head: Array<[number, number]> = [];
    const tail: Array<[number, number]> = [];
    const kept: number[] = [];
    let endI = nextI;
    let endJ = nextJ;
    while (i < endI && j < endJ && similar(i, j, kept)) head.push([i++, j++]);
    while (endI > i && endJ > j && similar(endI - 1, endJ - 1, kept)) tail.push([--endI, --endJ]);
    if (head.length + tail.length > 0) {
      const whole = commonEnds(oldText, oldAt, oldTo, newText, newAt, newTo);
      const middle = commonEnds(
        oldText,
        i > 0 ? oldBlocks[i - 1]!.end : 0,
        endI < oldBlocks.length ? oldBlocks[endI]!.start : oldText.length,
        newText,
        j > 0 ? newBlocks[j - 1]!.end : 0,
        endJ < newBlocks.length ? newBlocks[endJ]!.start : newText.length,
      );
      const paired = kept.reduce((sum, n) => sum + n, 0) + middle[0] + middle[1];
      if (paired > whole[0] + whole[1]) pairs.push(...head, ...tail.reverse());
    }
    if (nextI < oldBlocks.length) pairs.push([nextI, nextJ]);
    i = nextI + 1;
    j = nextJ + 1;
    oldAt = nextI < oldBlocks.length ? oldBlocks[nextI]!.end : oldText.length;
    newAt = nextJ < newBlocks.length ? newBlocks[nextJ]!.end : newText.length;
  }
  return pairs;
}

export function diffPositions(oldText: string, newText: string): PositionMap {
  const segments: Segment[] = [];
  const push = (oldStart: number, newStart: number, length: number) => {
    if (length <= 0) return;
    const last = segments[segments.length - 1];
    if (
      last &&
      last.oldStart + last.length === oldStart &&
      last.newStart + last.length === newStart
    ) {
      last.length += length;
    } else {
      segments.push({ oldStart, newStart, length });
    }
  };
  // Whatever the two ranges share at their ends is unchanged; the middle is not.
  const gap = (oldFrom: number, oldTo: number, newFrom: number, newTo: number) => {
    const [head, tail] = commonEnds(oldText, oldFrom, oldTo, newText, newFrom, newTo);
    push(oldFrom, newFrom, head);
    push(oldTo - tail, newTo - tail, tail);
  };

  if (oldText === newText) {
    push(0, 0, oldText.length);
  } else {
    const oldBlocks = splitBlocks(oldText);
    const newBlocks = splitBlocks(newText);
    const anchors = patiencePairs(oldText, oldBlocks, newText, newBlocks);
    let oldAt = 0;
    let newAt = 0;
    for (const [i, j] of pairSimilar(oldText, oldBlocks, newText, newBlocks, anchors)) {
      const a = oldBlocks[i]!;
      const b = newBlocks[j]!;
      gap(oldAt, a.start, newAt, b.start);
      gap(a.start, a.end, b.start, b.end);
      oldAt = a.end;
      newAt = b.end;
    }
    gap(oldAt, oldText.length, newAt, newText.length);
  }
  return new SegmentMap(segments, oldText.length, newText.length);
}
