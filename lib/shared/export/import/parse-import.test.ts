import { readFileSync } from "node:fs";

import { DomUtils, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";

import { ImportFormatError, parseImport } from "./parse-import";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
/** Copied from hypothesis/client (BSD-2-Clause, see its README). */
const baseline = (name: string) => read(`../../../../tests/fixtures/hypothesis/${name}`);
/** Written here, after the formats' sources (see fixtures/README.md). */
const sample = (name: string): unknown => JSON.parse(read(`./fixtures/${name}`));

/** The message of the ImportFormatError `json` is refused with. */
function refusal(json: unknown): string {
  try {
    parseImport(json);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFormatError);
    return (error as Error).message;
  }
  throw new Error("expected parseImport to refuse the file");
}

const quote = (exact: string) => ({ type: "TextQuoteSelector", exact, prefix: "a ", suffix: " b" });
const hAnnotation = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  created: "2024-05-02T09:00:00.000000+00:00",
  user: "acct:ann_lee@hypothes.is",
  uri: "https://example.com/essay",
  text: "",
  tags: [],
  target: [{ source: "https://example.com/essay", selector: [quote(`quote ${id}`)] }],
  document: { title: ["An essay"] },
  ...extra,
});
const passage = (exact: string) => ({
  source: "http://example.org/page1",
  selector: [quote(exact), { type: "TextPositionSelector", start: 2, end: 2 + exact.length }],
});

describe("Hypothesis", () => {
  it("reads the API's search results (the client's anchoring baseline)", () => {
    const parsed = parseImport(
      JSON.parse(baseline("wikipedia-regression-testing.hypothesis.json")),
    );
    expect(parsed.format).toBe("hypothesis");
    expect(parsed.skipped).toEqual([]);
    expect(parsed.annotations).toHaveLength(5);
    expect(parsed.annotations[0]).toEqual({
      sourceId: "LOCXbsOCEeaQl6f6fQh87Q",
      source: {
        url: "https://en.wikipedia.org/wiki/Regression_testing",
        title: "Regression testing - Wikipedia",
      },
      quote: {
        exact: "11 November 2016",
        prefix: " This page was last modified on ",
        suffix: ", at 05:56.\n\t\t\t\t\t\t\t\t\t\t\tText is a",
      },
      position: { start: 11881, end: 11897 },
      tags: [],
      html: null,
      text: "Footer",
      creatorName: "mark",
      created: "2016-12-16T11:24:14.673Z",
      modified: "2016-12-16T11:24:14.673Z",
      replies: [],
    });
    expect(parsed.annotations.map((a) => a.text)).toEqual([
      "Footer",
      "Body",
      "Quote",
      "Introduction",
      "Heading",
    ]);
    // Every quote is a passage of the page the annotations were made on.
    const page = DomUtils.textContent(parseDocument(baseline("wikipedia-regression-testing.html")));
    for (const { quote, creatorName, source } of parsed.annotations) {
      expect(page.replace(/\s+/g, " ")).toContain(quote.exact.replace(/\s+/g, " "));
      expect([creatorName, source.title]).toEqual(["mark", "Regression testing - Wikipedia"]);
    }
  });

  it("reads the client's export file, threading replies and skipping page notes", () => {
    const parsed = parseImport(sample("hypothesis-client-export.json"));
    expect(parsed.format).toBe("hypothesis");
    expect(parsed.annotations).toHaveLength(1);
    const [claim] = parsed.annotations;
    expect(claim).toMatchObject({
      sourceId: "Jd8vRBgkEe-aV2ZbFbr1Zg",
      source: { url: "https://example.com/essay", title: "An essay on close reading" },
      position: { start: 120, end: 139 },
      tags: ["claim", "Evidence needed", "x".repeat(60)],
      html: null,
      text: "A **strong** claim,\n\nsee [the source](https://example.com/src).",
      creatorName: "Ann Lee",
    });
    expect(claim!.quote.exact).toBe("the claim made here");
    expect(claim!.quote.prefix).toBe("Long before the argument starts, ".repeat(10).slice(-200));
    expect(claim!.quote.suffix).toBe(" rests on a single anecdote, ".repeat(10).slice(0, 200));
    const [bob, why, cy, orphan] = claim!.replies;
    expect(bob).toEqual({
      sourceId: "Kx1aUBgkEe-mP3eLq2Ud9A",
      parentSourceId: null,
      creatorName: "bob",
      created: "2024-05-02T09:30:00.000Z",
      html: null,
      text: "I disagree.",
    });
    expect(why).toMatchObject({
      parentSourceId: bob!.sourceId,
      creatorName: "Ann Lee",
      text: "Why?",
    });
    // Its references pass through a deleted reply: it answers the nearest one still there.
    expect(cy).toMatchObject({ parentSourceId: bob!.sourceId, creatorName: "Cy" });
    expect(orphan).toMatchObject({ parentSourceId: null, text: "Its parent was deleted" });
    expect(claim!.replies).toHaveLength(4);
    expect(parsed.skipped).toEqual([
      { index: 5, reason: "a page note has no passage" },
      { index: 6, reason: "the reply answers an annotation that is skipped" },
      { index: 7, reason: "no quoted passage (TextQuoteSelector)" },
      { index: 8, reason: "the reply answers an annotation that is not in the file" },
      { index: 9, reason: "the reply is empty" },
    ]);
  });

  it("reads a bare list of annotations, and a single one", () => {
    const list = parseImport([hAnnotation("a"), hAnnotation("b")]);
    expect(list.annotations.map((a) => a.sourceId)).toEqual(["a", "b"]);
    const one = parseImport(hAnnotation("c", { document: { title: "One title" } }));
    expect(one.annotations[0]!.source.title).toBe("One title");
  });
});

describe("W3C Web Annotation", () => {
  // Written like the examples of https://www.w3.org/TR/annotation-model/.
  const collection = sample("w3c-collection.jsonld") as { first: { items: unknown[] } };

  it("reads an AnnotationCollection with embedded pages", () => {
    const parsed = parseImport(collection);
    expect(parsed.format).toBe("w3c");
    expect(parsed.skipped).toEqual([
      { index: 0, reason: "it targets a whole page, not a quoted passage (no TextQuoteSelector)" },
      { index: 7, reason: "the reply answers an annotation that is not in the file" },
    ]);
    const [anno2, anno3, anno4, anno5] = parsed.annotations;
    expect(anno2).toEqual({
      sourceId: "http://example.org/anno2",
      source: { url: "http://example.org/page1", title: null },
      quote: { exact: "anotation", prefix: "before ", suffix: " after" },
      position: { start: 7, end: 16 },
      tags: [],
      html: "<p>j'adore !</p>",
      text: null,
      creatorName: "My Pseudonym",
      created: "2015-01-28T12:00:00.000Z",
      modified: "2015-01-29T08:00:00.000Z",
      replies: [
        {
          sourceId: "http://example.org/anno6",
          parentSourceId: null,
          creatorName: null,
          created: null,
          html: null,
          text: "I really like that too!",
        },
        {
          sourceId: "http://example.org/anno7",
          parentSourceId: "http://example.org/anno6",
          creatorName: "bob",
          created: null,
          html: "Me <b>too</b>",
          text: null,
        },
      ],
    });
    expect(anno3).toMatchObject({
      source: { url: "http://example.org/page2", title: "Page two" },
      quote: { exact: "refined", prefix: "", suffix: "" },
      position: null,
      tags: ["love"],
      text: "I like this page!",
      creatorName: "http://example.org/user2",
    });
    expect(anno4).toMatchObject({ tags: ["steampunk", "gears"], text: null, html: null });
    expect(anno5).toMatchObject({ text: "Comment text", quote: { exact: "second target" } });
  });

  it("reads a single annotation, a list and a page", () => {
    const items = collection.first.items;
    expect(parseImport(items[1]).annotations[0]!.sourceId).toBe("http://example.org/anno2");
    expect(parseImport(items.slice(1, 3)).annotations).toHaveLength(2);
    const page = {
      type: "AnnotationPage",
      items: [...items, { type: "Annotation", target: passage("p") }],
    };
    expect(parseImport(page).annotations).toHaveLength(4);
  });

  it("skips quotes that are empty or too long", () => {
    const parsed = parseImport(
      ["ok", "  ", "x".repeat(5_001)].map((exact) => ({
        type: "Annotation",
        target: passage(exact),
      })),
    );
    expect(parsed.annotations).toHaveLength(1);
    expect(parsed.skipped.map((s) => s.reason)).toEqual([
      "the quoted passage is empty",
      "the quoted passage is longer than 5,000 characters",
    ]);
  });
});

describe("hostile threads", () => {
  it("threads replies under a long chain of empty ones in linear time", () => {
    // 8,000 empty replies each answering the one before, then 8,000 answers to the last: took
    // 16 s when each answer walked the chain again.
    const K = 8_000;
    const annotation = {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: "urn:a",
      type: "Annotation",
      target: {
        source: "https://example.org/",
        selector: { type: "TextQuoteSelector", exact: "x" },
      },
    };
    const empty = Array.from({ length: K }, (_, i) => ({
      id: `urn:e${i}`,
      type: "Annotation",
      motivation: "replying",
      target: i === 0 ? "urn:a" : `urn:e${i - 1}`,
    }));
    const answers = Array.from({ length: K }, (_, i) => ({
      id: `urn:r${i}`,
      type: "Annotation",
      motivation: "replying",
      target: `urn:e${K - 1}`,
      bodyValue: `answer ${i}`,
    }));
    const parsed = parseImport([annotation, ...empty, ...answers]);
    expect(parsed.annotations[0]!.replies).toHaveLength(K);
    expect(parsed.annotations[0]!.replies.every((reply) => reply.parentSourceId === null)).toBe(
      true,
    );
  });
});

describe("malformed files", () => {
  it("refuses what is neither format, saying so", () => {
    for (const json of [42, "text", true, null, undefined, {}, { a: 1 }, { type: "Highlight" }]) {
      expect(refusal(json)).toMatch(
        /^This file is neither W3C Web Annotation JSON-LD nor a Hypothesis export: /,
      );
    }
    expect(refusal(42)).toMatch(/expected a JSON object or array, found a number/);
    expect(refusal({ type: "Highlight" })).toMatch(/its type "Highlight"/);
  });

  it("refuses files with no annotations", () => {
    expect(refusal([])).toMatch(/an empty list/);
    expect(refusal({ total: 0, rows: [] })).toMatch(
      /export cannot be imported: it holds no annotations/,
    );
    expect(refusal({ type: "AnnotationCollection", total: 0 })).toMatch(/the collection is empty/);
    expect(refusal({ annotations: [hAnnotation("n", { target: [{ source: "x" }] })] })).toMatch(
      /its only item cannot be imported: item 0: a page note has no passage\.$/,
    );
  });

  it("names the first wrong type and where it is", () => {
    const cases: Array<[unknown, RegExp]> = [
      [
        { rows: [hAnnotation("a"), hAnnotation("b", { text: 5 })] },
        /^This Hypothesis export cannot be imported: rows\[1\]\.text: .*expected string, received number/,
      ],
      [{ annotations: "all" }, /annotations: .*expected array/],
      [{ rows: [hAnnotation("a", { tags: ["ok", 7] })] }, /rows\[0\]\.tags\[1\]: /],
      [
        [hAnnotation("a", { created: "yesterday" })],
        /\[0\]\.created: "yesterday" is not an ISO 8601 date/,
      ],
      [
        { type: "AnnotationCollection", first: "http://x/page1" },
        /first: the collection's pages are only linked/,
      ],
      [
        { type: "AnnotationPage", item: [] },
        /^This W3C Web Annotation file cannot be imported: items: .*expected array/,
      ],
      [[{ type: "Annotation", body: "x" }], /\[0\]\.target: every annotation needs a target/],
      [[{ type: "Annotation", target: passage("x"), body: { value: 3 } }], /\[0\]\.body\.value: /],
      [
        [
          {
            type: "Annotation",
            target: { selector: { type: "TextPositionSelector", start: "1" } },
          },
        ],
        /\[0\]\.target\.selector\.start: /,
      ],
      [[{ type: "Annotation", target: passage("x"), creator: 7 }], /\[0\]\.creator: /],
      [
        [
          { type: ["Annotation"], target: passage("x") },
          { type: "Highlight", target: "x" },
        ],
        /\[1\]\.type: expected an Annotation/,
      ],
    ];
    for (const [json, message] of cases) expect(refusal(json)).toMatch(message);
  });

  it("refuses a TextQuoteSelector without its exact text", () => {
    const selector = [{ type: "TextQuoteSelector", prefix: "a" }];
    const items = [{ type: "Annotation", target: { source: "s", selector } }];
    const json = { type: "AnnotationCollection", first: { type: "AnnotationPage", items } };
    expect(refusal(json)).toMatch(
      /first\.items\[0\]\.target\.selector\[0\]\.exact: .*expected string, received undefined/,
    );
  });

  it("refuses more than 20,000 annotations or 50,000 replies", () => {
    const rows = Array.from({ length: 20_001 }, (_, i) => hAnnotation(`a${i}`));
    expect(refusal({ total: rows.length, rows })).toMatch(
      /holds 20,001 annotations; at most 20,000/,
    );
    const replies = Array.from({ length: 50_001 }, (_, i) => ({
      id: `r${i}`,
      text: "re",
      references: ["a0"],
    }));
    expect(refusal({ rows: rows.slice(0, 1), replies })).toMatch(
      /holds 50,001 replies; at most 50,000/,
    );
    expect(refusal(Array.from({ length: 70_001 }, () => ({})))).toMatch(/more than 70,000 items/);
  });

  it("refuses a comment longer than 100,000 characters, naming the item", () => {
    const rows = [hAnnotation("a"), hAnnotation("b", { text: "x".repeat(100_001) })];
    expect(refusal({ rows })).toMatch(
      /rows\[1\]\.text: item 1's comment is 100,001 characters long; at most 100,000/,
    );
    const body = { type: "TextualBody", format: "text/html", value: "y".repeat(100_001) };
    const w3c = [
      { type: "Annotation", target: passage("q") },
      { type: "Annotation", target: passage("q"), body },
    ];
    expect(refusal(w3c)).toMatch(/\[1\]\.body: item 1's comment is 100,001 characters/);
    const longest = { rows: [hAnnotation("c", { text: "x".repeat(100_000) })] };
    expect(parseImport(longest).annotations).toHaveLength(1);
  });

  it("is not fooled by prototype-polluting keys", () => {
    const row = JSON.stringify(hAnnotation("a")).slice(1);
    const json: unknown = JSON.parse(
      `{"__proto__": {"polluted": true, "rows": []}, "rows": [{"__proto__": {"polluted": 1}, ` +
        `"constructor": {"prototype": {"polluted": 2}}, ${row}]}`,
    );
    const parsed = parseImport(json);
    expect(parsed.annotations).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(parsed.annotations[0]!)).not.toContain("polluted");
    const inherited = [
      '{"__proto__": {"rows": [{"user": "acct:a@b", "uri": "u"}]}}',
      '{"__proto__": {"type": "Annotation", "target": "x"}}',
    ];
    for (const text of inherited) expect(refusal(JSON.parse(text))).toMatch(/neither/);
    const selector = '{"__proto__": {"type": "TextQuoteSelector", "exact": "evil"}}';
    const hidden = `[{"type": "Annotation", "target": {"source": "s", "selector": ${selector}}}]`;
    expect(refusal(JSON.parse(hidden))).toMatch(/its only item cannot be imported/);
  });
});
