import { describe, expect, it } from "vitest";

import { CONTEXT_LENGTH, describeRange } from "./selectors";

const alphabet = "abcdefghijklmnopqrstuvwxyz";
const text = alphabet.repeat(4); // 104 characters

describe("describeRange", () => {
  it("keeps the exact text and 32 characters of context on each side", () => {
    const target = describeRange(text, 40, 50);
    expect(CONTEXT_LENGTH).toBe(32);
    expect(target.quote.exact).toBe(text.slice(40, 50));
    expect(target.quote.prefix).toBe(text.slice(8, 40));
    expect(target.quote.suffix).toBe(text.slice(50, 82));
    expect(target.position).toEqual({ start: 40, end: 50 });
  });

  it("clamps the context at the edges of the text", () => {
    const start = describeRange(text, 5, 10);
    expect(start.quote.prefix).toBe("abcde");
    expect(start.quote.suffix).toHaveLength(32);
    const end = describeRange(text, 90, 100);
    expect(end.quote.suffix).toBe("wxyz");
    expect(end.quote.prefix).toHaveLength(32);
    const whole = describeRange(text, 0, text.length);
    expect(whole.quote).toEqual({ exact: text, prefix: "", suffix: "" });
  });

  it("clamps out-of-range offsets and orders reversed ones", () => {
    expect(describeRange(text, -10, 3).position).toEqual({ start: 0, end: 3 });
    expect(describeRange(text, 100, 500).position).toEqual({ start: 100, end: 104 });
    expect(describeRange(text, 20, 10)).toEqual(describeRange(text, 10, 20));
    expect(describeRange(text, 7.9, 12.2).position).toEqual({ start: 7, end: 12 });
  });

  it("describes an empty range by its context alone", () => {
    const target = describeRange(text, 30, 30);
    expect(target.quote.exact).toBe("");
    expect(target.quote.prefix + target.quote.suffix).toBe(text.slice(0, 62));
  });

  it("works on the empty text", () => {
    expect(describeRange("", 0, 5)).toEqual({
      quote: { exact: "", prefix: "", suffix: "" },
      position: { start: 0, end: 0 },
    });
  });
});
