// Approximate substring search: Myers' bit-parallel edit-distance algorithm (G. Myers, "A fast
// bit-vector algorithm for approximate string matching based on dynamic programming", JACM 1999),
// in its block form for patterns longer than a machine word.
//
// Why this algorithm: the classic dynamic programme is O(m·n) cells; Myers packs 32 rows (pattern
// characters) of a column into one integer and computes them with a handful of bitwise
// operations. Long patterns (quotes of a few thousand characters) are split into blocks of 32
// rows, and Ukkonen's cut-off only computes the blocks that can still hold a cell <= maxErrors,
// so the cost is about O(n · ⌈maxErrors/32⌉) rather than O(n · m/32). We do not match a
// prefix/suffix window and extend: that misses quotes whose edits fall in the window.
//
// Ends come out of the forward pass; each start is then found by running the reversed pattern
// backwards from that end, anchored there, over at most m + errors characters.

export interface Match {
  start: number;
  end: number;
  errors: number;
}

const WORD = 32;

/** A pattern as per-character bit masks: bit r of word b is set where pattern[32b + r] is that character. */
interface Masks {
  length: number;
  lastBlock: number;
  /** Rows in the last block (1..32); the rows above it are never read. */
  lastBlockSize: number;
  ascii: Array<Int32Array | undefined>;
  other: Map<number, Int32Array>;
  none: Int32Array;
}

function compile(pattern: string): Masks {
  const blocks = Math.ceil(pattern.length / WORD);
  const ascii: Array<Int32Array | undefined> = new Array<Int32Array | undefined>(128).fill(
    undefined,
  );
  const other = new Map<number, Int32Array>();
  for (let i = 0; i < pattern.length; i += 1) {
    const code = pattern.charCodeAt(i);
    let mask = code < 128 ? ascii[code] : other.get(code);
    if (!mask) {
      mask = new Int32Array(blocks);
      if (code < 128) ascii[code] = mask;
      else other.set(code, mask);
    }
    const block = (i / WORD) | 0;
    mask[block] = mask[block]! | (1 << (i % WORD));
  }
  return {
    length: pattern.length,
    lastBlock: blocks - 1,
    lastBlockSize: pattern.length - (blocks - 1) * WORD,
    ascii,
    other,
    none: new Int32Array(blocks),
  };
}

function reverse(text: string): string {
  // Code units, not code points: the text is walked backwards by code unit too.
  let out = "";
  for (let i = text.length - 1; i >= 0; i -= 1) out += text[i];
  return out;
}

const HIGH_BIT = 1 << 31;

/**
 * One block of one column (Hyyrö's formulation of Myers' step): the block's vertical deltas are
 * bit vectors in pv/mv (+1 / -1 per row), the horizontal delta comes in at the block's top row
 * and the one at its bottom row (`bit`) goes out, to the next block and to the score.
 */
function advance(
  pv: Int32Array,
  mv: Int32Array,
  b: number,
  eqIn: number,
  hIn: number,
  bit: number,
): number {
  const p = pv[b]!;
  const m = mv[b]!;
  const eq = eqIn | (hIn < 0 ? 1 : 0);
  const xv = eq | m;
  const xh = (((eq & p) + p) ^ p) | eq;
  let ph = m | ~(xh | p);
  let mh = p & xh;
  const hOut = ((ph & bit) !== 0 ? 1 : 0) - ((mh & bit) !== 0 ? 1 : 0);
  ph <<= 1;
  mh <<= 1;
  if (hIn < 0) mh |= 1;
  else if (hIn > 0) ph |= 1;
  pv[b] = mh | ~(xv | ph);
  mv[b] = ph & xv;
  return hOut;
}

/**
 * Runs the pattern over `count` characters of `text`, from index `from` in direction `step`,
 * calling `report(index, errors)` after each character whose column ends with at most
 * `maxErrors` errors on the pattern's last row. `anchored` pins the pattern's first character to
 * `from` (the top row grows by one per column); otherwise the match may begin anywhere.
 */
function scan(
  text: string,
  from: number,
  count: number,
  step: 1 | -1,
  masks: Masks,
  maxErrors: number,
  anchored: boolean,
  report: (index: number, errors: number) => void,
): void {
  const { length, lastBlock, lastBlockSize, ascii, other, none } = masks;
  const k = maxErrors;
  const pv = new Int32Array(lastBlock + 1);
  const mv = new Int32Array(lastBlock + 1);
  const score = new Int32Array(lastBlock + 1);
  for (let b = 0; b <= lastBlock; b += 1) score[b] = (b + 1) * WORD;
  score[lastBlock] = length;
  // Blocks above y hold only cells > k (Ukkonen): start with just enough rows to reach k.
  let y = Math.min(lastBlock, Math.max(0, Math.ceil(k / WORD) - 1));
  for (let b = 0; b <= y; b += 1) {
    pv[b] = -1;
    mv[b] = 0;
  }
  const topCarry = anchored ? 1 : 0;
  const lastBit = 1 << (lastBlockSize - 1);

  for (let c = 0, index = from; c < count; c += 1, index += step) {
    const code = text.charCodeAt(index);
    const eq = (code < 128 ? ascii[code] : other.get(code)) ?? none;
    let carry = topCarry;
    // advance() inlined: this loop is the hot path of every search.
    for (let b = 0; b <= y; b += 1) {
      const p = pv[b]!;
      const m = mv[b]!;
      const e = eq[b]! | (carry < 0 ? 1 : 0);
      const xv = e | m;
      const xh = (((e & p) + p) ^ p) | e;
      let ph = m | ~(xh | p);
      let mh = p & xh;
      const bit = b === lastBlock ? lastBit : HIGH_BIT;
      const out = ((ph & bit) !== 0 ? 1 : 0) - ((mh & bit) !== 0 ? 1 : 0);
      ph <<= 1;
      mh <<= 1;
      if (carry < 0) mh |= 1;
      else if (carry > 0) ph |= 1;
      pv[b] = mh | ~(xv | ph);
      mv[b] = ph & xv;
      score[b] = score[b]! + out;
      carry = out;
    }
    if (y < lastBlock && score[y]! - carry <= k && ((eq[y + 1]! & 1) !== 0 || carry < 0)) {
      // The next block's first row can reach <= k in this column: bring it in, as if its
      // previous column were all +1 steps below the current bottom row.
      y += 1;
      pv[y] = -1;
      mv[y] = 0;
      const rows = y === lastBlock ? lastBlockSize : WORD;
      score[y] =
        score[y - 1]! -
        carry +
        rows +
        advance(pv, mv, y, eq[y]!, carry, y === lastBlock ? lastBit : HIGH_BIT);
    } else {
      while (y > 0 && score[y]! >= k + WORD) y -= 1;
    }
    if (y === lastBlock && score[y]! <= k) report(index, score[y]!);
  }
}

/**
 * Approximate occurrences of `pattern` in text[from, to) with at most `maxErrors` edits
 * (insertions, deletions, substitutions). Around one true occurrence, the neighbouring ends also
 * fall within the bound, with more errors: of each run of consecutive ends only those with the
 * run's fewest errors are kept, so an occurrence yields one candidate, or a few when several ends
 * tie (overlapping exact repeats, or a quote whose last character was replaced). Sorted by start.
 */
export function searchIn(
  text: string,
  pattern: string,
  maxErrors: number,
  from: number,
  to: number,
): Match[] {
  const lo = Math.max(0, Math.min(from, text.length));
  const hi = Math.max(lo, Math.min(to, text.length));
  const k = Math.min(Math.max(0, Math.floor(maxErrors)), pattern.length);
  if (pattern.length === 0 || hi - lo < pattern.length - k) return [];

  const ends: number[] = [];
  const errors: number[] = [];
  scan(text, lo, hi - lo, 1, compile(pattern), k, false, (index, e) => {
    ends.push(index + 1);
    errors.push(e);
  });

  const reversed = compile(reverse(pattern));
  const matches: Match[] = [];
  for (let i = 0; i < ends.length;) {
    // A run of consecutive ends is one occurrence seen with more or fewer characters around it.
    let j = i;
    let least = errors[i]!;
    while (j + 1 < ends.length && ends[j + 1] === ends[j]! + 1) {
      j += 1;
      least = Math.min(least, errors[j]!);
    }
    for (let at = i; at <= j; at += 1) {
      if (errors[at] !== least) continue;
      const end = ends[at]!;
      matches.push({ start: findStart(text, end, lo, reversed, least), end, errors: least });
    }
    i = j + 1;
  }
  return matches.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Approximate occurrences of `pattern` anywhere in `text`; see searchIn. */
export function search(text: string, pattern: string, maxErrors: number): Match[] {
  return searchIn(text, pattern, maxErrors, 0, text.length);
}

/**
 * The start of the match ending at `end` with `errors` edits. Several starts can cost the same
 * (an extra leading character is one insertion, a missing one a deletion); prefer the span
 * closest in length to the pattern, then the longer one.
 */
function findStart(text: string, end: number, lo: number, reversed: Masks, errors: number): number {
  const count = Math.min(end - lo, reversed.length + errors);
  let bestLength = reversed.length;
  let bestErrors = Infinity;
  scan(text, end - 1, count, -1, reversed, errors, true, (index, e) => {
    const length = end - index;
    const closer =
      Math.abs(length - reversed.length) < Math.abs(bestLength - reversed.length) ||
      (Math.abs(length - reversed.length) === Math.abs(bestLength - reversed.length) &&
        length > bestLength);
    if (e < bestErrors || (e === bestErrors && closer)) {
      bestErrors = e;
      bestLength = length;
    }
  });
  // No report means the empty span is cheapest (every pattern character deleted).
  return bestErrors === Infinity ? end : end - bestLength;
}

/**
 * Edit distances between `pattern` and every span of `text` with one end fixed: the spans
 * starting at `boundary` (dir 1) or ending there (dir -1), reported as (other end, errors) when
 * errors <= maxErrors. One pass of the anchored scan; used to move a match's boundaries.
 */
export function spanDistances(
  text: string,
  pattern: string,
  boundary: number,
  dir: 1 | -1,
  maxErrors: number,
  report: (otherEnd: number, errors: number) => void,
): void {
  if (pattern.length === 0) return;
  const available = dir > 0 ? text.length - boundary : boundary;
  const count = Math.max(0, Math.min(available, pattern.length + maxErrors));
  if (dir > 0) {
    scan(text, boundary, count, 1, compile(pattern), maxErrors, true, (i, e) => report(i + 1, e));
  } else {
    scan(text, boundary - 1, count, -1, compile(reverse(pattern)), maxErrors, true, report);
  }
}

/** Levenshtein distance between a and b, or null when it exceeds maxErrors. */
export function editDistance(a: string, b: string, maxErrors: number): number | null {
  if (a.length === 0) return b.length <= maxErrors ? b.length : null;
  if (Math.abs(a.length - b.length) > maxErrors) return null;
  if (b.length === 0) return a.length <= maxErrors ? a.length : null;
  let result: number | null = null;
  scan(b, 0, b.length, 1, compile(a), maxErrors, true, (index, e) => {
    if (index === b.length - 1) result = e;
  });
  return result;
}
