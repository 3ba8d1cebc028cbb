import { readdirSync, readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import {
  failedAssertions,
  W3C_SUITE_DIR,
  w3cMustAssertions,
  w3cMustFailures,
} from "@/tests/support/w3c-conformance";

import { formatJsonLd, JSONLD_CONTENT_TYPE } from "./jsonld";
import type { ExportAnnotation, ExportMeta } from "./types";

// The JSON-LD export against the W3C Web Annotation test suite's MUST assertions
// (annotations/annotationMusts.test: 54 for one Annotation, collections/collectionMusts.test: 10
// for one AnnotationCollection). First the validator is shown to bite on the suite's own
// samples, then our output has to pass every MUST, collection and items alike.

const BASE = "https://glossa.example";

function sample(kind: "correct" | "incorrect", file: string): unknown {
  // Most "incorrect" samples carry trailing commas (not JSON): drop them so the sample's
  // intended fault is what gets tested. anno1.json is not JSON at all.
  const text = readFileSync(`${W3C_SUITE_DIR}tools/samples/${kind}/${file}`, "utf8");
  return JSON.parse(text.replace(/,(\s*[}\]])/g, "$1"));
}
const samples = (kind: "correct" | "incorrect") =>
  readdirSync(`${W3C_SUITE_DIR}tools/samples/${kind}`).filter((f) => f.endsWith(".json"));

describe("the W3C MUST assertions", () => {
  const { annotation, collection } = w3cMustAssertions();

  it("are every MUST the suite lists, compiled", () => {
    const listed = (test: string) =>
      (JSON.parse(readFileSync(`${W3C_SUITE_DIR}${test}`, "utf8")) as { assertions: string[] })
        .assertions;
    expect(annotation.map((a) => a.path)).toEqual(listed("annotations/annotationMusts.test"));
    expect(collection.map((a) => a.path)).toEqual(listed("collections/collectionMusts.test"));
    expect(annotation).toHaveLength(54);
    expect(collection).toHaveLength(10);
  });

  // Correct samples the annotation MUSTs reject, honestly: anno11-13 target a Composite, List
  // and Independents (3.2-targetObjectsRecognized does not recognize those); the other four
  // are a collection and pages, not annotations.
  const notSingleAnnotations = [
    "anno11.json",
    "anno12.json",
    "anno13.json",
    "collection1.json",
    "example41.json",
    "example42.json",
    "example43.json",
  ];

  it("pass every correct annotation sample, and reject exactly the seven that are not one", () => {
    const correct = samples("correct");
    expect(correct).toHaveLength(45);
    for (const file of correct) {
      const failures = failedAssertions(annotation, sample("correct", file));
      if (notSingleAnnotations.includes(file)) expect(failures, file).not.toEqual([]);
      else expect(failures, file).toEqual([]);
    }
  });

  it("pass the suite's correct collections and reject its pages", () => {
    expect(failedAssertions(collection, sample("correct", "collection1.json"))).toEqual([]);
    expect(failedAssertions(collection, sample("correct", "example41.json"))).toEqual([]);
    expect(failedAssertions(collection, sample("correct", "example42.json"))).not.toEqual([]);
  });

  it("reject every incorrect sample", () => {
    const incorrect = samples("incorrect");
    expect(incorrect).toHaveLength(39);
    expect(() => sample("incorrect", "anno1.json")).toThrow(SyntaxError);
    for (const file of incorrect.filter((f) => f !== "anno1.json")) {
      expect(failedAssertions(annotation, sample("incorrect", file)), file).not.toEqual([]);
    }
  });

  it("still reject them with the two-valued id most of them share repaired, MUST faults only", () => {
    // anno6/7 are about the id itself; the faults of anno14 (format), anno15 (language), anno23
    // (processingLanguage), anno26 (creator) and anno27 (generator) are checked by the suite's
    // SHOULD/MAY assertions, not by a MUST.
    const outsideMusts = ["anno6.json", "anno7.json", "anno14.json", "anno15.json"];
    outsideMusts.push("anno23.json", "anno26.json", "anno27.json");
    for (const file of samples("incorrect").filter((f) => f !== "anno1.json")) {
      const repaired = { ...(sample("incorrect", file) as object), id: "http://example.org/1" };
      const failures = failedAssertions(annotation, repaired);
      if (outsideMusts.includes(file)) expect(failures, file).toEqual([]);
      else expect(failures, file).not.toEqual([]);
    }
  });
});

const meta: ExportMeta = {
  title: 'Close reading: "Minsk" & <the> ＝ talks',
  scope: "workspace",
  baseUrl: BASE,
  selfUrl: `${BASE}/api/v1/workspaces/w1/export?format=jsonld&replies=1`,
  total: 5,
  generatedAt: "2025-03-04T10:11:12.345Z",
  requester: { id: "u1", name: "Ada" },
  filterSummary: "",
  withReplies: true,
};

function annotation(id: string, overrides: Partial<ExportAnnotation> = {}): ExportAnnotation {
  return {
    id,
    document: {
      id: "d1",
      title: "Talks in Minsk",
      sourceUrl: "https://news.example/minsk?id=1",
      sourceAuthor: null,
      sourcePublisher: null,
      revisionId: "r3",
      revisionNumber: 3,
      revisionCreatedAt: "2025-02-01T09:00:00.000Z",
      url: `${BASE}/documents/d1`,
    },
    quote: { exact: "the talks", prefix: "said that ", suffix: " would resume" },
    position: { start: 120, end: 129 },
    anchorState: "exact",
    tags: [],
    author: { id: "u2", name: "Björn Ølsen" },
    visibility: "workspace",
    status: "open",
    createdAt: "2025-02-02T08:00:00.000Z",
    updatedAt: "2025-02-03T08:00:00.000Z",
    bodyHtml: null,
    bodyText: null,
    replyCount: 0,
    replies: [],
    url: `${BASE}/documents/d1#annotation-${id}`,
    ...overrides,
  };
}

type Reply = ExportAnnotation["replies"][number];
const reply = (id: string, parentId: string | null, rest: Omit<Reply, "id" | "parentId">) => ({
  id,
  parentId,
  ...rest,
});
const chloe = { id: "u3", name: "Chloé" };
const bjorn = { id: "u2", name: "Björn Ølsen" };

const realistic: ExportAnnotation[] = [
  annotation("a1", {
    tags: [
      { name: "trial balloon", color: "#f59e0b" },
      { name: "“quoted” tag", color: "#10b981" },
    ],
    bodyHtml: '<p>See <a href="https://x.example">this</a> &amp; "that"</p><p>Second</p>',
    bodyText: 'See this & "that"\nSecond',
    replyCount: 3,
    replies: [
      reply("r1", null, {
        author: chloe,
        createdAt: "2025-02-04T08:00:00.000Z",
        editedAt: "2025-02-05T08:00:00.000Z",
        bodyHtml: "<p>Agreed.</p>",
        bodyText: "Agreed.",
      }),
      reply("r2", "r1", {
        author: bjorn,
        createdAt: "2025-02-06T08:00:00.000Z",
        editedAt: null,
        bodyHtml: "<p>Thanks 🙏</p>",
        bodyText: "Thanks 🙏",
      }),
    ],
  }),
  annotation("a2"), // a bare highlight: no tag, no comment, no body
  annotation("a3", {
    anchorState: "orphaned",
    position: null,
    quote: { exact: 'He said "no" — 😀\nthen left', prefix: "", suffix: "" },
    visibility: "private",
    status: "resolved",
    bodyHtml: "<p>Gone from the text</p>",
    bodyText: "Gone from the text",
  }),
  annotation("a4", {
    anchorState: "fuzzy",
    tags: [{ name: "evidence", color: "#000000" }],
    document: {
      ...annotation("x").document,
      id: "d2",
      sourceUrl: null,
      url: `${BASE}/documents/d2`,
    },
  }),
  annotation("a5", { quote: { exact: "\u2028line\tseparated\\", prefix: "", suffix: "" } }),
];

async function* stream<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function run(m: ExportMeta, items: ExportAnnotation[]) {
  const chunks: string[] = [];
  for await (const chunk of formatJsonLd(m, stream(items))) chunks.push(chunk);
  return { chunks, text: chunks.join("") };
}

type Json = Record<string, any>;

describe("formatJsonLd", () => {
  it("writes one AnnotationCollection that passes every W3C MUST, items included", async () => {
    const { text, chunks } = await run(meta, realistic);
    const json = JSON.parse(text) as Json;
    expect(w3cMustFailures(json)).toEqual([]);
    // The head, one chunk per annotation (with its replies), the tail.
    expect(chunks).toHaveLength(realistic.length + 2);
    expect(json["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");
    expect(json).toMatchObject({
      id: meta.selfUrl,
      type: "AnnotationCollection",
      label: meta.title,
    });
    expect(json.total).toBe(5);
    expect(json.generator).toEqual({ id: BASE, type: "Software", name: "Glossa" });
    expect(json.first).toMatchObject({ id: `${meta.selfUrl}#page1`, type: "AnnotationPage" });
    expect(json.first.startIndex).toBe(0);
    const ids = (json.first.items as Json[]).map((item) => item.id);
    expect(ids).toEqual([
      `${BASE}/documents/d1#annotation-a1`,
      `${BASE}/documents/d1#reply-r1`,
      `${BASE}/documents/d1#reply-r2`,
      `${BASE}/documents/d1#annotation-a2`,
      `${BASE}/documents/d1#annotation-a3`,
      `${BASE}/documents/d1#annotation-a4`,
      `${BASE}/documents/d1#annotation-a5`,
    ]);
  });

  it("maps tags, comments, selectors, state and replies", async () => {
    const items = (JSON.parse((await run(meta, realistic)).text) as Json).first.items as Json[];
    const [a1, r1, r2, a2, a3, a4, a5] = items as [Json, Json, Json, Json, Json, Json, Json];
    expect(a1.motivation).toBe("commenting");
    expect(a1.creator).toEqual({ id: `${BASE}/users/u2`, type: "Person", name: "Björn Ølsen" });
    expect(a1.created).toBe("2025-02-02T08:00:00.000Z");
    expect(a1.modified).toBe("2025-02-03T08:00:00.000Z");
    expect(a1.body).toEqual([
      { type: "TextualBody", purpose: "tagging", value: "trial balloon" },
      { type: "TextualBody", purpose: "tagging", value: "“quoted” tag" },
      {
        type: "TextualBody",
        purpose: "commenting",
        value: realistic[0]!.bodyHtml,
        format: "text/html",
      },
    ]);
    expect(a1.target).toEqual({
      source: "https://news.example/minsk?id=1",
      selector: [
        {
          type: "TextQuoteSelector",
          exact: "the talks",
          prefix: "said that ",
          suffix: " would resume",
        },
        { type: "TextPositionSelector", start: 120, end: 129 },
      ],
      state: {
        type: "TimeState",
        sourceDate: "2025-02-01T09:00:00.000Z",
        cached: `${BASE}/api/v1/documents/d1?revision=3`,
      },
    });
    expect(r1).toMatchObject({
      motivation: "replying",
      target: a1.id,
      modified: "2025-02-05T08:00:00.000Z",
    });
    expect(r1.body).toEqual({ type: "TextualBody", value: "<p>Agreed.</p>", format: "text/html" });
    expect(r2).toMatchObject({
      motivation: "replying",
      target: r1.id,
      created: "2025-02-06T08:00:00.000Z",
    });
    expect(r2).not.toHaveProperty("modified");
    expect(a2.motivation).toBe("highlighting");
    expect(a2).not.toHaveProperty("body");
    expect(a3.target.selector).toEqual([
      { type: "TextQuoteSelector", exact: 'He said "no" — 😀\nthen left', prefix: "", suffix: "" },
    ]);
    expect(a3).not.toHaveProperty("status");
    expect(a4.motivation).toBe("highlighting");
    expect(a4.target.source).toBe(`${BASE}/documents/d2`);
    expect(a5.target.selector[0].exact).toBe("\u2028line\tseparated\\");
  });

  it("leaves replies out unless asked, and writes an empty page for no annotations", async () => {
    const plain = JSON.parse((await run({ ...meta, withReplies: false }, realistic)).text) as Json;
    expect(plain.first.items).toHaveLength(5);
    expect(w3cMustFailures(plain)).toEqual([]);

    const empty = JSON.parse((await run({ ...meta, total: 0 }, [])).text) as Json;
    expect(empty.total).toBe(0);
    expect(empty.first).toEqual({
      id: `${meta.selfUrl}#page1`,
      type: "AnnotationPage",
      startIndex: 0,
      items: [],
    });
    expect(w3cMustFailures(empty)).toEqual([]);
  });

  it("is checked by w3cMustFailures, which names what broke", async () => {
    const json = JSON.parse((await run(meta, realistic)).text) as Json;
    json.type = "Collection";
    json.first.items[3].created = "yesterday";
    delete json.first.items[4].target;
    json.first.items[5].target.selector[0] = { type: "TextQuoteSelector", prefix: "x" };
    const failures = w3cMustFailures(json);
    expect(failures).toContainEqual(
      expect.stringMatching(/^collection: collections\/5\.1-collectionTypeValidated\.json: /),
    );
    expect(failures).toContainEqual(
      expect.stringMatching(/^item 3: annotations\/3\.3\.1-annotationCreatedValidated\.json: /),
    );
    expect(failures).toContainEqual(
      expect.stringMatching(/^item 4: annotations\/3\.1-targetKeyFound\.json: /),
    );
    expect(failures).toContainEqual(
      expect.stringMatching(
        /^item 5: annotations\/specificResource\/4\.2\.4-textQuoteSelectorValid\.json: /,
      ),
    );
  });

  it("exports the Web Annotation media type", () => {
    expect(JSONLD_CONTENT_TYPE).toBe(
      'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    );
  });
});
