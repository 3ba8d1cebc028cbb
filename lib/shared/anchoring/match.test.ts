import { describe, expect, it } from "vitest";

import { editDistance, search, searchIn, spanDistances } from "./match";

/** Plain dynamic-programming Levenshtein distance, the reference for the bit-parallel code. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        previous[j]! + 1,
        current[j - 1]! + 1,
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** For each end position, the fewest edits of `pattern` into a span of `text` ending there. */
function bestEndingAt(text: string, pattern: string): number[] {
  let previous = Array.from({ length: pattern.length + 1 }, (_, i) => i);
  return Array.from(text, (char) => {
    const current = [0];
    for (let i = 1; i <= pattern.length; i += 1) {
      current[i] = Math.min(
        previous[i - 1]! + (pattern[i - 1] === char ? 0 : 1),
        previous[i]! + 1,
        current[i - 1]! + 1,
      );
    }
    previous = current;
    return current[pattern.length]!;
  });
}

function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

const sentence = "the quick brown fox jumps over the lazy dog";

describe("search", () => {
  it("finds exact occurrences with zero errors", () => {
    expect(search(sentence, "the", 0)).toEqual([
      { start: 0, end: 3, errors: 0 },
      { start: 31, end: 34, errors: 0 },
    ]);
  });

  it("finds a substitution, an insertion and a deletion", () => {
    expect(search(sentence, "quack", 1)).toEqual([{ start: 4, end: 9, errors: 1 }]);
    // "brown" with one deletion, and "brown " with one substitution: both are one edit away.
    expect(search(sentence, "brownn", 1)).toContainEqual({ start: 10, end: 15, errors: 1 });
    expect(search(sentence, "fox jmps", 1)).toEqual([{ start: 16, end: 25, errors: 1 }]);
  });

  it("finds matches with two and three errors", () => {
    expect(search(sentence, "ovr th3 lazy", 2)).toEqual([{ start: 26, end: 39, errors: 2 }]);
    expect(search(sentence, "quikc brwn", 3)).toEqual([{ start: 4, end: 15, errors: 3 }]);
  });

  it("finds nothing beyond maxErrors", () => {
    expect(search(sentence, "quikc brwn", 2)).toEqual([]);
    expect(search(sentence, "elephant", 2)).toEqual([]);
    expect(search(sentence, "", 3)).toEqual([]);
    expect(search("", "fox", 1)).toEqual([]);
  });

  it("handles patterns longer than one 32-bit block", () => {
    const random = prng(7);
    const text = Array.from({ length: 5000 }, () => "abcdefgh "[Math.floor(random() * 9)]).join("");
    const pattern = text.slice(3000, 3300);
    const edited = `${pattern.slice(0, 40)}XY${pattern.slice(40, 200)}${pattern.slice(203)}`;
    const matches = search(text, edited, 10);
    const best = matches.reduce((a, b) => (b.errors < a.errors ? b : a));
    expect(best).toEqual({ start: 3000, end: 3300, errors: 5 });
  });

  it("agrees with the plain dynamic programme on random inputs", () => {
    const random = prng(42);
    const word = (length: number) =>
      Array.from({ length }, () => "abcd"[Math.floor(random() * 4)]).join("");
    for (let round = 0; round < 200; round += 1) {
      const pattern = word(1 + Math.floor(random() * (round % 3 === 0 ? 100 : 40)));
      const text = word(Math.floor(random() * 250));
      const maxErrors = Math.floor(random() * 12);
      const best = bestEndingAt(text, pattern);
      const matches = search(text, pattern, maxErrors);
      for (const match of matches) {
        expect(match.errors).toBe(best[match.end - 1]);
        expect(levenshtein(pattern, text.slice(match.start, match.end))).toBe(match.errors);
      }
      // Each run of consecutive ends within the bound is reported by its best ends.
      for (let j = 0; j < best.length;) {
        if (best[j]! > maxErrors) {
          j += 1;
          continue;
        }
        let k = j;
        while (k + 1 < best.length && best[k + 1]! <= maxErrors) k += 1;
        const run = best.slice(j, k + 1);
        const least = Math.min(...run);
        const expected = run.flatMap((errors, at) => (errors === least ? [j + at + 1] : []));
        expect(matches.filter((m) => m.end > j && m.end <= k + 1).map((m) => m.end)).toEqual(
          expected,
        );
        j = k + 1;
      }
    }
  });

  it("searches only the given range", () => {
    expect(searchIn(sentence, "the", 0, 10, sentence.length)).toEqual([
      { start: 31, end: 34, errors: 0 },
    ]);
    expect(searchIn(sentence, "the", 0, -50, 500)).toHaveLength(2);
  });
});

describe("editDistance", () => {
  it("computes the distance or null above the bound", () => {
    expect(editDistance("kitten", "sitting", 5)).toBe(3);
    expect(editDistance("kitten", "sitting", 2)).toBeNull();
    expect(editDistance("", "abc", 3)).toBe(3);
    expect(editDistance("abc", "", 2)).toBeNull();
    const random = prng(3);
    for (let round = 0; round < 100; round += 1) {
      const a = Array.from(
        { length: Math.floor(random() * 90) },
        () => "xyz"[Math.floor(random() * 3)],
      ).join("");
      const b = Array.from(
        { length: Math.floor(random() * 90) },
        () => "xyz"[Math.floor(random() * 3)],
      ).join("");
      expect(editDistance(a, b, 200)).toBe(levenshtein(a, b));
    }
  });
});

describe("spanDistances", () => {
  it("reports every span from a fixed boundary within the bound", () => {
    const forward: Array<[number, number]> = [];
    spanDistances(sentence, "quick", 4, 1, 1, (end, errors) => forward.push([end, errors]));
    expect(forward).toEqual([
      [8, 1],
      [9, 0],
      [10, 1],
    ]);
    const backward: Array<[number, number]> = [];
    spanDistances(sentence, "quick", 9, -1, 0, (start, errors) => backward.push([start, errors]));
    expect(backward).toEqual([[4, 0]]);
  });
});
