import { describe, expect, it } from "vitest";

import {
  decodeReaderAnnotations,
  encodeReaderAnnotations,
  type AnnotationItem,
} from "./reader-payload";

const TEXT = "Are these trial balloons? We'll see. Trial balloons, again.";

function item(overrides: Partial<AnnotationItem> & { id: string }): AnnotationItem {
  return {
    author: { id: "u1", name: "Amina" },
    target: { quote: { exact: "trial balloons" } },
    anchor: { state: "exact", start: 10, end: 24 },
    tags: [],
    visibility: "workspace",
    status: "open",
    replyCount: 0,
    bodyHtml: null,
    edited: false,
    importedAuthor: null,
    abilities: { update: false, delete: false, resolve: false, reply: true },
    ...overrides,
  };
}

describe("the reader's compact annotation rows", () => {
  const items: AnnotationItem[] = [
    item({ id: "a", tags: ["trial balloon", "alliance friction"] }),
    item({
      id: "b",
      author: { id: "u2", name: "Ben" },
      target: { quote: { exact: "We will see" } },
      anchor: { state: "fuzzy", start: 26, end: 35 },
      tags: ["alliance friction"],
      visibility: "private",
      status: "resolved",
      replyCount: 7,
      bodyHtml: "<p>Not <strong>quite</strong></p>",
      edited: true,
      abilities: { update: true, delete: true, resolve: true, reply: true },
    }),
    item({ id: "i", importedAuthor: "mark" }),
    item({ id: "j", importedAuthor: "Nadia", bodyHtml: "<p>From Hypothesis</p>" }),
    item({
      id: "c",
      target: { quote: { exact: "a passage that went away" } },
      anchor: { state: "orphaned", start: null, end: null },
      abilities: { update: false, delete: true, resolve: false, reply: false },
    }),
  ];

  it("decode(encode(x)) gives back every field the reader uses", () => {
    const payload = encodeReaderAnnotations(items, TEXT);
    expect(decodeReaderAnnotations(JSON.parse(JSON.stringify(payload)), TEXT)).toEqual(items);
  });

  it("sends a comment without a quote column's worth of text when the quote is the anchor's text", () => {
    const payload = encodeReaderAnnotations([item({ id: "d", bodyHtml: "<p>Why?</p>" })], TEXT);
    expect(payload.rows[0]!.slice(7)).toEqual([null, "<p>Why?</p>"]);
    expect(decodeReaderAnnotations(payload, TEXT)[0]!.target.quote.exact).toBe("trial balloons");
  });

  it("names authors and tags once, and sends a quote only where the text at the anchor differs", () => {
    const payload = encodeReaderAnnotations(items, TEXT);
    expect(payload.authors).toEqual([
      { id: "u1", name: "Amina" },
      { id: "u2", name: "Ben" },
    ]);
    expect(payload.tags).toEqual(["trial balloon", "alliance friction"]);
    expect(payload.rows[0]).toHaveLength(7); // exact: the text spells the quote
    expect(payload.rows[1]![7]).toBe("We will see");
    expect(payload.rows[1]![8]).toBe("<p>Not <strong>quite</strong></p>");
    expect(payload.rows[2]![7]).toBeNull(); // "i": imported, the quote is the anchor's text
    expect(payload.rows[2]![9]).toBe("mark");
    expect(payload.rows[3]!.slice(7)).toEqual([null, "<p>From Hypothesis</p>", "Nadia"]);
    expect(payload.rows[4]![7]).toBe("a passage that went away");
  });

  it("keeps each flag apart (every combination of visibility, status, state and abilities)", () => {
    const states = ["exact", "fuzzy", "orphaned"] as const;
    const all: AnnotationItem[] = [];
    for (let bits = 0; bits < 2 ** 7; bits += 1)
      for (const state of states)
        all.push(
          item({
            id: `${bits}-${state}`,
            anchor:
              state === "orphaned"
                ? { state, start: null, end: null }
                : { state, start: 10, end: 24 },
            visibility: bits & 1 ? "private" : "workspace",
            status: bits & 2 ? "resolved" : "open",
            edited: Boolean(bits & 64),
            abilities: {
              update: Boolean(bits & 4),
              delete: Boolean(bits & 8),
              resolve: Boolean(bits & 16),
              reply: Boolean(bits & 32),
            },
          }),
        );
    expect(decodeReaderAnnotations(encodeReaderAnnotations(all, TEXT), TEXT)).toEqual(all);
  });

  it("is several times smaller than the same annotations as the API spells them", () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      item({ id: `cmwzisuhu${String(i).padStart(16, "0")}`, tags: ["trial balloon"] }),
    );
    const api = many.map((one) => ({
      ...one,
      documentId: "cmwzisuhu0001tt7duss6b3af",
      revisionId: "cmwzisuhu0001tt7duss6b3ag",
      target: { quote: { ...one.target.quote, prefix: "x".repeat(32), suffix: "y".repeat(32) } },
      createdAt: new Date(0).toISOString(),
    }));
    const compact = JSON.stringify(encodeReaderAnnotations(many, TEXT)).length;
    expect(JSON.stringify(api).length / compact).toBeGreaterThan(5);
  });
});
