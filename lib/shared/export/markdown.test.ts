import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";
import { describe, expect, it } from "vitest";

import { contextAfter, contextBefore, formatMarkdownClipBook } from "./markdown";
import type { ClipBookEntry, ExportAnnotation, ExportMeta, ExportReply } from "./types";

// The clip book is checked by parsing it back with a CommonMark parser (mdast-util-from-markdown)
// and looking at the tree: user text must come back as the same literal text, never as a
// heading, link, image, raw HTML, code, list, emphasis or thematic break.

const BASE = "https://glossa.example";

const HOSTILE = [
  "# not a heading",
  "[a](javascript:alert(1))",
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "![img](https://evil.example/x.png)",
  "<https://evil.example>",
  "`code` and ```fence",
  "*emphasis* and _underscore_ and **strong**",
  "1. not a list",
  "2) nor this",
  "- nor this",
  "+ nor this",
  "> not a quote",
  "---",
  "===",
  "    indented code",
  "| a | b |",
  "&amp; &lt;b&gt; &#60;",
  "back\\slash\\",
  "[ref]: https://evil.example",
  "~~~",
  "$x$ {y} (z)!",
];

const meta: ExportMeta = {
  title: "Talks in Minsk",
  scope: "workspace",
  baseUrl: BASE,
  selfUrl: `${BASE}/api/v1/workspaces/w1/export?format=md`,
  total: 3,
  generatedAt: "2025-03-04T10:11:12.000Z",
  requester: { id: "u1", name: "Ada" },
  filterSummary: "Tags: evidence · Status: open",
  withReplies: false,
};

function annotation(id: string, overrides: Partial<ExportAnnotation> = {}): ExportAnnotation {
  return {
    id,
    document: {
      id: "d1",
      title: "Talks in Minsk",
      sourceUrl: null,
      sourceAuthor: null,
      sourcePublisher: null,
      revisionId: "r1",
      revisionNumber: 1,
      revisionCreatedAt: "2025-02-01T09:00:00.000Z",
      url: `${BASE}/documents/d1`,
    },
    quote: { exact: "the talks", prefix: "The minister said that ", suffix: " would resume." },
    position: { start: 120, end: 129 },
    anchorState: "exact",
    tags: [],
    author: { id: "u2", name: "Björn" },
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

function reply(id: string, parentId: string | null, name: string, text: string): ExportReply {
  const bodyHtml = text
    .split("\n")
    .map((p) => `<p>${p}</p>`)
    .join("");
  const createdAt = "2025-02-05T08:00:00.000Z";
  return {
    id,
    parentId,
    author: { id: name, name },
    createdAt,
    editedAt: null,
    bodyHtml,
    bodyText: text,
  };
}

const evidence = { name: "evidence", color: "#f00", description: "Facts *we* can cite" };

async function* stream<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function render(m: ExportMeta, entries: ClipBookEntry[]) {
  const chunks: string[] = [];
  for await (const chunk of formatMarkdownClipBook(m, stream(entries))) chunks.push(chunk);
  const text = chunks.join("");
  return { chunks, text, tree: fromMarkdown(text) };
}

function all(tree: Root, type: string): Nodes[] {
  const found: Nodes[] = [];
  const walk = (node: Nodes) => {
    if (node.type === type) found.push(node);
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return found;
}
const texts = (tree: Root, type: string) => all(tree, type).map((node) => toString(node));

describe("formatMarkdownClipBook", () => {
  it("groups entries under their tag, untagged last, with a header line", async () => {
    const a1 = annotation("a1", { bodyText: "First point.\nSecond point." });
    const a2 = annotation("a2", { status: "resolved", anchorState: "fuzzy" });
    const a3 = annotation("a3", { anchorState: "orphaned", position: null });
    const { text, tree, chunks } = await render(meta, [
      { group: evidence, annotation: a1 },
      { group: evidence, annotation: a2 },
      { group: null, annotation: a3 },
    ]);
    expect(chunks).toHaveLength(4);
    expect(all(tree, "heading").map((h) => [(h as { depth: number }).depth, toString(h)])).toEqual([
      [1, "Talks in Minsk"],
      [2, "evidence"],
      [2, "Untagged"],
    ]);
    expect(text).toContain(
      "\nGenerated 4 March 2025 by Ada · Tags: evidence · Status: open · 3 annotations\n",
    );
    expect(texts(tree, "emphasis")).toEqual(["Facts *we* can cite"]);
    expect(all(tree, "blockquote")).toHaveLength(3);
    expect(texts(tree, "strong")).toEqual(["the talks", "the talks", "the talks"]);
    expect(texts(tree, "link")).toEqual(["Talks in Minsk", "Talks in Minsk", "Talks in Minsk"]);
    expect(all(tree, "link").map((l) => (l as { url: string }).url)).toEqual([
      a1.url,
      a2.url,
      a3.url,
    ]);
    const paragraphs = texts(tree, "paragraph");
    expect(paragraphs).toContain("— Björn, Talks in Minsk, 2 February 2025");
    expect(paragraphs).toContain(
      "— Björn, Talks in Minsk, 2 February 2025; resolved; text changed",
    );
    expect(paragraphs).toContain(
      "— Björn, Talks in Minsk, 2 February 2025; passage no longer in the text",
    );
    expect(paragraphs).toContain("First point.");
    expect(paragraphs).toContain("Second point.");
    expect(text).toContain("> The minister said that **the talks** would resume.\n");
  });

  it("renders hostile user text literally, everywhere", async () => {
    const evil = HOSTILE.join("\n");
    const a = annotation("a1", {
      quote: { exact: evil, prefix: "x [y](javascript:z) ", suffix: " <b>z</b>" },
      bodyText: evil,
      author: { id: "u", name: "[Mallory](javascript:alert(1))" },
      document: { ...annotation("x").document, title: "<script>t</script> # [t](j:x)" },
      replies: [reply("r1", null, "# Eve", evil)],
    });
    const group = { name: "# tag [x](javascript:y) #", color: "#000", description: "<b>d</b>" };
    const { tree } = await render(
      { ...meta, title: "## [T](javascript:t) <i>", withReplies: true },
      [{ group, annotation: a }],
    );
    for (const type of ["html", "image", "code", "inlineCode", "thematicBreak", "definition"]) {
      expect(all(tree, type), type).toEqual([]);
    }
    expect(texts(tree, "heading")).toEqual(["## [T](javascript:t) <i>", group.name]);
    expect(all(tree, "link").map((l) => (l as { url: string }).url)).toEqual([a.url]);
    expect(texts(tree, "link")).toEqual(["<script>t</script> # [t](j:x)"]);
    expect(texts(tree, "emphasis")).toEqual(["<b>d</b>"]);
    // One list (the replies), one item; one blockquote (the quote), bold line by line.
    expect(all(tree, "list")).toHaveLength(1);
    expect(all(tree, "listItem")).toHaveLength(1);
    expect(all(tree, "blockquote")).toHaveLength(1);
    expect(texts(tree, "strong")).toEqual([...HOSTILE.map((line) => line.trim()), "# Eve"]);
    const quote = all(tree, "blockquote")[0]!;
    expect(toString(quote).startsWith("x [y](javascript:z) # not a heading")).toBe(true);
    expect(toString(quote).endsWith("$x$ {y} (z)! <b>z</b>")).toBe(true);
    const paragraphs = texts(tree, "paragraph");
    for (const line of HOSTILE) expect(paragraphs).toContain(line.trim());
    expect(paragraphs).toContain(
      "— [Mallory](javascript:alert(1)), <script>t</script> # [t](j:x), 2 February 2025",
    );
  });

  it("keeps every line of a multi-paragraph quote inside the blockquote", async () => {
    const a = annotation("a1", {
      quote: { exact: "One.\n\nTwo.\r\nThree.", prefix: "", suffix: "" },
    });
    const { text, tree } = await render(meta, [{ group: null, annotation: a }]);
    expect(text).toContain("\n> **One.**\n>\n> **Two.**\n>\n> **Three.**\n");
    expect(all(tree, "blockquote")).toHaveLength(1);
    expect(texts(tree, "strong")).toEqual(["One.", "Two.", "Three."]);
  });

  it("bolds the quote wherever it starts and ends, mid-word or next to punctuation", async () => {
    const cases: Array<[ExportAnnotation["quote"], string]> = [
      [{ exact: "believ", prefix: "un", suffix: "able" }, "> un**believ**able"],
      [{ exact: "(sic)", prefix: "word", suffix: "word" }, "> word **(sic)** word"],
      [{ exact: "“quoted”", prefix: "a ", suffix: ", then" }, "> a **“quoted”**, then"],
      [{ exact: "*", prefix: "", suffix: "" }, "> **\\***"],
    ];
    for (const [quote, line] of cases) {
      const { text, tree } = await render(meta, [
        { group: null, annotation: annotation("a", { quote }) },
      ]);
      expect(text).toContain(`\n${line}\n`);
      expect(texts(tree, "strong")).toEqual([quote.exact]);
    }
  });

  it("cuts long context at a word boundary with an ellipsis", async () => {
    const prefix = "Long ago, in a land far away, there lived a minister who always said that ";
    const suffix =
      " would resume within a week, or perhaps two, depending on the weather and the mood.";
    expect(contextBefore(prefix)).toBe(
      "…land far away, there lived a minister who always said that ",
    );
    expect(contextAfter(suffix)).toBe(" would resume within a week, or perhaps two, depending on…");
    expect(contextBefore("short one ")).toBe("short one ");
    const a = annotation("a1", { quote: { exact: "the talks", prefix, suffix } });
    const { text } = await render(meta, [{ group: null, annotation: a }]);
    expect(text).toContain(
      "> …land far away, there lived a minister who always said that **the talks** would resume within a week, or perhaps two, depending on…\n",
    );
  });

  it("nests replies under the replies they answer when asked for", async () => {
    const a = annotation("a1", {
      replies: [
        reply("r1", null, "Chloé", "Agreed.\nFully."),
        reply("r2", "r1", "Björn", "Thanks"),
        reply("r3", null, "Dan", "1. Not a list"),
      ],
    });
    const { text, tree } = await render({ ...meta, withReplies: true }, [
      { group: null, annotation: a },
    ]);
    expect(text).toContain(
      "\n- **Chloé** (5 February 2025): Agreed.\n\n  Fully.\n  - **Björn** (5 February 2025): Thanks\n" +
        "- **Dan** (5 February 2025): 1. Not a list\n",
    );
    expect(all(tree, "list")).toHaveLength(2);
    const items = all(tree, "listItem").map((item) => toString(item));
    expect(items).toHaveLength(3);
    expect(items[2]).toBe("Dan (5 February 2025): 1. Not a list");
    const plain = await render(meta, [{ group: null, annotation: a }]);
    expect(all(plain.tree, "list")).toEqual([]);
  });

  it("says so when nothing matches", async () => {
    const { text } = await render({ ...meta, total: 0, filterSummary: "" }, []);
    expect(text).toBe(
      "# Talks in Minsk\n\nGenerated 4 March 2025 by Ada · 0 annotations\n\n*No annotations match.*\n",
    );
  });
});
