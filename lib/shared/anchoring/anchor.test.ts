import { describe, expect, it } from "vitest";

import { anchor, FUZZY_THRESHOLD, maxErrorsFor, reanchorAll } from "./anchor";
import { describeRange, type Target } from "./selectors";
import { combine, prefixSimilarity, suffixSimilarity, WEIGHTS } from "./score";

const text = [
  "Kazakhstan is the CSTO member with the most international stature, outside of Russia.",
  "Tajikistan President Emomali Rahmon took the opportunity to chide his allies for not coming through with promised military aid.",
  "Are these trial balloons? We'll see how this develops.",
].join("\n\n");

function targetFor(quote: string, source = text): Target {
  const start = source.indexOf(quote);
  if (start < 0) throw new Error(`missing: ${quote}`);
  return describeRange(source, start, start + quote.length);
}

/** Replaces the first `count` letters of `quote` inside `source` with a character not in it. */
function misspell(source: string, quote: string, count: number): string {
  const at = source.indexOf(quote);
  let changed = quote;
  let done = 0;
  for (let i = 1; i < changed.length && done < count; i += 3) {
    if (/[a-z]/.test(changed[i]!)) {
      changed = `${changed.slice(0, i)}#${changed.slice(i + 1)}`;
      done += 1;
    }
  }
  return source.slice(0, at) + changed + source.slice(at + quote.length);
}

describe("anchor", () => {
  it("takes the stored position when the quote and its context are still there", () => {
    const target = targetFor("trial balloons");
    expect(anchor(text, target)).toEqual({
      state: "exact",
      score: 1,
      start: target.position!.start,
      end: target.position!.end,
    });
  });

  it("finds a shifted quote without any position", () => {
    const target = { quote: targetFor("promised military aid").quote };
    const edited = `A new first paragraph.\n\n${text}`;
    const result = anchor(edited, target);
    expect(result.state).toBe("exact");
    expect(result.score).toBe(1);
    expect(edited.slice(result.start!, result.end!)).toBe("promised military aid");
  });

  it("scores a verbatim quote in changed context below 1 but keeps it exact", () => {
    const target = targetFor("trial balloons");
    const edited = text.replace("Are these trial balloons?", "Are these trial balloons, really?");
    const result = anchor(edited, target);
    expect(result.state).toBe("exact");
    expect(result.score).toBeLessThan(1);
    expect(result.score).toBeGreaterThanOrEqual(FUZZY_THRESHOLD);
    expect(edited.slice(result.start!, result.end!)).toBe("trial balloons");
  });

  it("orphans an empty quote and ignores unusable positions", () => {
    expect(anchor(text, describeRange(text, 10, 10)).state).toBe("orphaned");
    const target = targetFor("Emomali Rahmon");
    for (const position of [
      { start: -4, end: 3 },
      { start: 9, end: 2 },
      { start: 1.5, end: 8 },
      { start: 10_000, end: 10_014 },
    ]) {
      const result = anchor(text, { ...target, position });
      expect(result.state).toBe("exact");
      expect(text.slice(result.start!, result.end!)).toBe("Emomali Rahmon");
    }
  });

  it("lowers the score as the quote takes more errors", () => {
    const quote = "took the opportunity to chide his allies for not coming through";
    const target = targetFor(quote);
    const limit = maxErrorsFor(quote.length);
    let previous = 1;
    for (let errors = 1; errors <= limit; errors += 1) {
      const result = anchor(misspell(text, quote, errors), target);
      expect(result.start, `${errors} errors`).not.toBeNull();
      expect(result.score, `${errors} errors`).toBeLessThan(previous);
      previous = result.score;
    }
    expect(anchor(misspell(text, quote, 1), target).state).toBe("fuzzy");
  });

  it("lowers the score as the context takes more errors", () => {
    const combined = (prefix: number) => combine({ quote: 1, prefix, suffix: 1, position: 1 });
    expect(combined(1)).toBe(1);
    expect(combined(0.9)).toBeLessThan(combined(1));
    expect(combined(0.5)).toBeLessThan(combined(0.9));
    expect(WEIGHTS.quote).toBeGreaterThan(WEIGHTS.prefix + WEIGHTS.position);
    const edited = text.replace("opportunity to chide", "opportunity to scold");
    const start = text.indexOf("his allies");
    const prefix = text.slice(start - 32, start);
    const editedStart = edited.indexOf("his allies");
    expect(prefixSimilarity(text, start, prefix)).toBe(1);
    expect(prefixSimilarity(edited, editedStart, prefix)).toBeCloseTo(1 - 4 / 32);
    expect(suffixSimilarity(text, start, "")).toBe(1);
  });

  it("orphans a short phrase whose sentence is gone even though it occurs elsewhere", () => {
    const source = `${text}\n\nThe CSTO held its meeting in Moscow behind closed doors.`;
    const target = targetFor("CSTO", source.slice(text.length)); // the last paragraph's
    const shifted: Target = {
      quote: target.quote,
      position: {
        start: target.position!.start + text.length,
        end: target.position!.end + text.length,
      },
    };
    expect(source.slice(shifted.position!.start, shifted.position!.end)).toBe("CSTO");
    const result = anchor(text, shifted); // that paragraph deleted; "the CSTO member" remains
    expect(result.state).toBe("orphaned");
    expect(result.start).toBeNull();
  });
});

describe("reanchorAll", () => {
  // A refrain repeated with the same 32-character context: only positions can tell the copies
  // apart, and an insertion longer than their spacing makes the stored offsets point at the
  // wrong copy.
  const refrain = "And still the river runs, and still the river runs.";
  const song = Array.from({ length: 6 }, (_, i) => `Verse ${i + 1}.\n\n${refrain}`).join("\n\n");
  const targets = [...song.matchAll(/still the river runs/g)].map((match) =>
    describeRange(song, match.index, match.index + match[0].length),
  );
  const edited = `${"An introduction that is longer than a verse and its refrain together. ".repeat(3)}\n\n${song}`;
  const expected = targets.map((target) => target.position!.start + edited.length - song.length);

  it("keeps identical refrains on their own copies with the old text", () => {
    const anchors = reanchorAll(edited, targets, song);
    expect(anchors.map((a) => a.start)).toEqual(expected);
    expect(anchors.every((a) => a.state === "exact")).toBe(true);
  });

  it("keeps identical refrains on their own copies by following the shift without it", () => {
    const anchors = reanchorAll(edited, targets);
    expect(anchors.map((a) => a.start)).toEqual(expected);
  });

  it("returns anchors in the order of the targets, whatever their positions", () => {
    const quotes = ["trial balloons", "Kazakhstan", "Emomali Rahmon", "military aid"];
    const list = quotes.map((quote) => targetFor(quote));
    list.push({ quote: { exact: "outside of Russia", prefix: "", suffix: "" } });
    const anchors = reanchorAll(text, list);
    expect(anchors.map((a) => text.slice(a.start!, a.end!))).toEqual([
      ...quotes,
      "outside of Russia",
    ]);
    expect(reanchorAll(text, [])).toEqual([]);
  });

  it("agrees with anchor() on unchanged text", () => {
    const list = [0, 17, 40, 99, 150, 200].map((start) => describeRange(text, start, start + 25));
    expect(reanchorAll(text, list, text)).toEqual(list.map((target) => anchor(text, target)));
  });

  it("orphans a deleted passage that has a copy elsewhere, given the old text", () => {
    const disclaimer = "The views expressed here are the author's own.";
    const old = [`Intro. ${disclaimer}`, "Body of the piece.", `Outro. ${disclaimer}`].join("\n\n");
    const start = old.lastIndexOf(disclaimer);
    const target = describeRange(old, start, start + disclaimer.length);
    const edited = [`Intro. ${disclaimer}`, "Body of the piece.", "Outro."].join("\n\n");
    expect(reanchorAll(edited, [target], old)[0]!.state).toBe("orphaned");
    // Without the old text nothing says the first copy is another passage: it is long enough to
    // identify itself, so the annotation moves there.
    expect(reanchorAll(edited, [target])[0]!.start).toBe(edited.indexOf(disclaimer));
  });

  it("anchors a target made on another revision as if no old text were given", () => {
    const target = targetFor("promised military aid");
    const unrelatedOld = "Something else entirely.";
    const edited = `Preface.\n\n${text}`;
    const [result] = reanchorAll(edited, [target], unrelatedOld);
    expect(result!.state).toBe("exact");
    expect(edited.slice(result!.start!, result!.end!)).toBe("promised military aid");
  });
});
