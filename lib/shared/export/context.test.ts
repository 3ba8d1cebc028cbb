import { describe, expect, it } from "vitest";

import { contextAfter, contextBefore } from "./context";

describe("context around an excerpt", () => {
  it("drops the word a stored 32-character context cut in half", () => {
    expect(contextBefore('al" summit of his allies in the ')).toBe("…summit of his allies in the ");
    expect(contextAfter(" last week as Moscow faced conti")).toBe(" last week as Moscow faced…");
  });

  it("keeps a shorter context whole: it reached the start or the end of the text", () => {
    expect(contextBefore("Russian President ")).toBe("Russian President ");
    expect(contextAfter(" crisis.")).toBe(" crisis.");
  });

  it("stops at a paragraph break", () => {
    expect(contextBefore("end of the last paragraph.\n\nAre these ")).toBe("Are these ");
    expect(contextAfter("? We'll see how this develops.\n\nNext")).toBe(
      "? We'll see how this develops.",
    );
  });

  it("cuts long context to the limit at a word boundary", () => {
    const words = "one two three four five six seven eight nine ten ".repeat(3);
    expect(contextBefore(words, 20)).toBe("…eight nine ten ");
    expect(contextAfter(` ${words}`, 20)).toBe(" one two three four…");
  });
});
