// Offsets of an old text carried to a new one through the unchanged stretches a diff found
// (diff.ts); offsets in changed stretches are only estimated.

export interface Segment {
  oldStart: number;
  newStart: number;
  length: number;
}

export interface MappedRange {
  start: number;
  end: number;
  /** Whether start / end lie in unchanged text, so that the mapped offsets are exact. */
  startExact: boolean;
  endExact: boolean;
  /** Start and end in the same unchanged stretch: the characters between are the same. */
  intact: boolean;
}

export interface PositionMap {
  mapRange(start: number, end: number): MappedRange;
  /**
   * The stretches of the new text that are not unchanged old text, in order; a pure deletion
   * is an empty stretch at the point where text went missing.
   */
  changed(): Array<{ start: number; end: number }>;
  /**
   * Whether new text [start, end) could be where old [oldStart, oldEnd) went: every run of
   * unchanged text in it longer than `ignore` characters comes from the old range, give or take
   * `slack`. Unchanged text from elsewhere means the span is some other old passage.
   */
  comesFrom(
    start: number,
    end: number,
    oldStart: number,
    oldEnd: number,
    slack: number,
    ignore: number,
  ): boolean;
}

export class SegmentMap implements PositionMap {
  constructor(
    private readonly segments: Segment[],
    private readonly oldLength: number,
    private readonly newLength: number,
  ) {}

  changed(): Array<{ start: number; end: number }> {
    const stretches: Array<{ start: number; end: number }> = [];
    let oldAt = 0;
    let newAt = 0;
    for (const segment of this.segments) {
      if (segment.oldStart > oldAt || segment.newStart > newAt) {
        stretches.push({ start: newAt, end: segment.newStart });
      }
      oldAt = segment.oldStart + segment.length;
      newAt = segment.newStart + segment.length;
    }
    if (oldAt < this.oldLength || newAt < this.newLength) {
      stretches.push({ start: newAt, end: this.newLength });
    }
    return stretches;
  }

  comesFrom(
    start: number,
    end: number,
    oldStart: number,
    oldEnd: number,
    slack: number,
    ignore: number,
  ): boolean {
    // Segments are in the same order on both sides: find the first one ending after `start`.
    let lo = 0;
    let hi = this.segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const segment = this.segments[mid]!;
      if (segment.newStart + segment.length <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.segments.length; i += 1) {
      const segment = this.segments[i]!;
      if (segment.newStart >= end) break;
      const from = Math.max(start, segment.newStart);
      const to = Math.min(end, segment.newStart + segment.length);
      if (to - from <= ignore) continue;
      const shift = segment.oldStart - segment.newStart;
      if (from + shift < oldStart - slack || to + shift > oldEnd + slack) return false;
    }
    return true;
  }

  /** Index of the last segment starting at or before `offset`, or -1. */
  private locate(offset: number): number {
    let lo = 0;
    let hi = this.segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.segments[mid]!.oldStart <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Segment holding the character at `offset`, or -1 when it was changed. */
  private segmentOf(offset: number): number {
    const index = this.locate(offset);
    const segment = this.segments[index];
    return segment && offset < segment.oldStart + segment.length ? index : -1;
  }

  /** A boundary between characters; exact when it touches unchanged text. */
  private map(offset: number): { offset: number; exact: boolean } {
    const index = this.locate(offset);
    const before = this.segments[index];
    if (before && offset <= before.oldStart + before.length) {
      return { offset: before.newStart + offset - before.oldStart, exact: true };
    }
    // Inside a changed stretch: spread it linearly over its replacement.
    const after = this.segments[index + 1];
    const oldFrom = before ? before.oldStart + before.length : 0;
    const newFrom = before ? before.newStart + before.length : 0;
    const oldTo = after ? after.oldStart : this.oldLength;
    const newTo = after ? after.newStart : this.newLength;
    const fraction = oldTo > oldFrom ? (offset - oldFrom) / (oldTo - oldFrom) : 0;
    return { offset: Math.round(newFrom + fraction * (newTo - newFrom)), exact: false };
  }

  mapRange(start: number, end: number): MappedRange {
    const from = this.map(start);
    const to = this.map(Math.max(start, end));
    const segment = end > start ? this.segmentOf(start) : -1;
    return {
      start: from.offset,
      end: Math.max(from.offset, to.offset),
      startExact: from.exact,
      endExact: to.exact,
      intact: segment >= 0 && segment === this.segmentOf(end - 1),
    };
  }
}
