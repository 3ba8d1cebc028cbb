import { describe, expect, it } from "vitest";

import { diffPositions } from "./diff";

const paragraphs = ["First paragraph here.", "Second paragraph, a typo: teh end.", "Third one."];
const before = paragraphs.join("\n\n");

describe("diffPositions", () => {
  it("maps unchanged text to itself", () => {
    expect(diffPositions(before, before).mapRange(5, 12)).toEqual({
      start: 5,
      end: 12,
      startExact: true,
      endExact: true,
      intact: true,
    });
  });

  it("shifts ranges after an inserted paragraph", () => {
    const after = `New opening.\n\n${before}`;
    const start = before.indexOf("Third");
    const mapped = diffPositions(before, after).mapRange(start, start + 5);
    expect(after.slice(mapped.start, mapped.end)).toBe("Third");
    expect(mapped.intact).toBe(true);
  });

  it("keeps the words around a fixed typo and flags ranges across it", () => {
    const after = before.replace("teh end", "the end");
    const map = diffPositions(before, after);
    const intact = map.mapRange(before.indexOf("Second"), before.indexOf(", a typo"));
    expect(intact.intact).toBe(true);
    const across = map.mapRange(before.indexOf("a typo"), before.indexOf(" end") + 4);
    expect(across.intact).toBe(false);
    expect(across.startExact && across.endExact).toBe(true);
    expect(after.slice(across.start, across.end)).toBe("a typo: the end");
  });

  it("estimates positions inside deleted or moved text without claiming them", () => {
    const after = [paragraphs[2], paragraphs[0]].join("\n\n");
    const map = diffPositions(before, after);
    const start = before.indexOf("typo");
    const mapped = map.mapRange(start, start + 4);
    expect(mapped.startExact || mapped.endExact).toBe(false);
    expect(mapped.start).toBeGreaterThanOrEqual(0);
    expect(mapped.end).toBeLessThanOrEqual(after.length);
  });

  it("maps the untouched words of every paragraph when each has a typo fixed", () => {
    const old = ["Teh first one.", "The secnod one.", "The third oen."].join("\n\n");
    const fixed = ["The first one.", "The second one.", "The third one."].join("\n\n");
    const map = diffPositions(old, fixed);
    for (const word of ["first one.", " one.", "The third "]) {
      const start = old.indexOf(word);
      const mapped = map.mapRange(start, start + word.length);
      expect(mapped.intact, word).toBe(true);
      expect(fixed.slice(mapped.start, mapped.end)).toBe(word);
    }
    // Only the swapped letters are changed: "eh" → "he", "no" → "on", "en" → "ne".
    expect(map.changed().map(({ start, end }) => fixed.slice(start, end))).toEqual([
      "he",
      "on",
      "ne",
    ]);
  });

  it("tells where a span of the new text came from", () => {
    const old = ["Alpha beta gamma.", "Delta epsilon.", "Alpha beta gamma again."].join("\n\n");
    const after = ["Alpha beta gamma.", "Alpha beta gamma again."].join("\n\n");
    const map = diffPositions(old, after);
    const deleted = old.indexOf("Delta");
    // A pure deletion: an empty stretch, after the separator both texts share.
    expect(map.changed()).toEqual([{ start: 19, end: 19 }]);
    // "Alpha beta" survives in unchanged text, but that text was another old passage.
    const copy = after.indexOf("Alpha beta gamma again");
    expect(map.comesFrom(copy, copy + 10, deleted, deleted + 14, 2, 0)).toBe(false);
    const own = old.indexOf("Alpha beta gamma again");
    expect(map.comesFrom(copy, copy + 10, own, own + 10, 2, 0)).toBe(true);
    expect(map.comesFrom(copy, copy + 5, deleted, deleted + 14, 2, 8)).toBe(true);
  });
});
