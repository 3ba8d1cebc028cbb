import { spawnSync } from "node:child_process";

import { unzipSync } from "fflate";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";

import { contextAfter, contextBefore, formatDocxClipBook } from "./docx";
import type { ClipBookEntry, ExportAnnotation, ExportDocument, ExportMeta } from "./types";

const BASE = "https://glossa.example";
const PARTS = [
  "[Content_Types].xml",
  "_rels/.rels",
  "docProps/core.xml",
  "docProps/app.xml",
  "word/_rels/document.xml.rels",
  "word/styles.xml",
  "word/settings.xml",
  "word/document.xml",
];

const meta: ExportMeta = {
  title: "CSTO reading group — autumn 2025",
  scope: "workspace",
  baseUrl: BASE,
  selfUrl: `${BASE}/api/export`,
  total: 4,
  generatedAt: "2025-11-05T10:20:30.123Z",
  requester: { id: "u1", name: "Ana Lima" },
  filterSummary: "Tags: trial balloon · Status: any",
  withReplies: true,
};

const document = (id: string, title: string): ExportDocument => ({
  id,
  title,
  sourceUrl: null,
  sourceAuthor: null,
  sourcePublisher: null,
  revisionId: `rev-${id}`,
  revisionNumber: 1,
  revisionCreatedAt: "2025-11-01T09:00:00Z",
  url: `${BASE}/d/${id}`,
});
const csto = document("d1", "Informal CSTO summit exposes rifts");

function annotation(id: string, rest: Partial<ExportAnnotation> = {}): ExportAnnotation {
  return {
    id,
    document: csto,
    quote: { exact: "the bloc", prefix: "", suffix: "" },
    position: { start: 0, end: 8 },
    anchorState: "exact",
    tags: [],
    author: { id: "u1", name: "Ana Lima" },
    visibility: "workspace",
    status: "open",
    createdAt: "2025-11-03T14:12:00Z",
    updatedAt: "2025-11-03T14:12:00Z",
    bodyHtml: null,
    bodyText: null,
    replyCount: 0,
    replies: [],
    url: `${BASE}/d/d1#${id}`,
    ...rest,
  };
}

const balloon = { name: "trial balloon", color: "#f59e0b", description: "Floated to test." };
const friction = { name: "alliance friction", color: "#ef4444", description: null };
const HOSTILE = "<script>alert('x')</script> & \"q\" \u0000\u0008\u000B\uFFFE\uD800 🎉 שלום مرحبا";

const entries: ClipBookEntry[] = [
  {
    group: balloon,
    annotation: annotation("a1", {
      quote: {
        exact: "Moscow suggested a peacekeeping role",
        prefix:
          "After the closed-door session in the Kremlin's residence on Friday, the spokesman said ",
        suffix:
          " in the South Caucasus, an idea that Yerevan has repeatedly rejected and Baku distrusts.",
      },
      status: "resolved",
      bodyText: "Classic trial balloon.\n\nCompare with 2022.",
      replies: [
        reply("r1", null, "Bekzod Karimov", "Agreed."),
        reply("r2", "r1", "Ana Lima", "That is the point.\nSecond line."),
      ],
    }),
  },
  {
    group: balloon,
    annotation: annotation("a2", {
      document: document("d2", 'Gas & "union"'),
      url: `${BASE}/d/d2#a2`,
      anchorState: "fuzzy",
      quote: { exact: "a gas union", prefix: "Putin floated ", suffix: " with Uzbekistan." },
    }),
  },
  {
    group: friction,
    annotation: annotation("a3", {
      author: { id: "u3", name: "Dana <admin> & co" },
      quote: { exact: HOSTILE, prefix: "Hostile: ", suffix: " end." },
      bodyText: `Tab\there ${HOSTILE}`,
    }),
  },
  {
    group: null,
    annotation: annotation("a4", { anchorState: "orphaned", position: null }),
  },
];

function reply(id: string, parentId: string | null, name: string, text: string) {
  const at = "2025-11-04T08:00:00Z";
  return {
    id,
    parentId,
    author: { id: `u-${name}`, name },
    createdAt: at,
    editedAt: null,
    bodyHtml: "",
    bodyText: text,
  };
}

async function* from<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function build(m: ExportMeta, list: ClipBookEntry[]): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of formatDocxClipBook(m, from(list))) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** A strict XML 1.0 well-formedness check: one root, balanced tags, quoted and unique
 * attributes, only the five predefined entities or character references, no forbidden chars. */
function assertWellFormed(xml: string, part: string): void {
  const fail = (why: string, at: number) => {
    throw new Error(`${part}: ${why} at ${at}: ${JSON.stringify(xml.slice(at, at + 60))}`);
  };
  const bad = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(xml);
  if (bad) fail("forbidden character", bad.index);
  const NAME = "[A-Za-z_][\\w.:-]*";
  const REF = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);/;
  const checkRefs = (s: string, at: number) => {
    for (let i = s.indexOf("&"); i >= 0; i = s.indexOf("&", i + 1)) {
      if (!REF.test(s.slice(i))) fail("bad reference", at + i);
    }
  };
  const stack: string[] = [];
  let roots = 0;
  let i = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const chunk = xml.slice(i, lt < 0 ? xml.length : lt);
    if (!stack.length && chunk.trim()) fail("text outside the root", i);
    if (chunk.includes("]]>")) fail("]]> in text", i);
    checkRefs(chunk, i);
    if (lt < 0) break;
    const end = new RegExp(`^</(${NAME})\\s*>`).exec(xml.slice(lt));
    if (end) {
      if (stack.pop() !== end[1]) fail(`unbalanced </${end[1]}>`, lt);
      i = lt + end[0].length;
      continue;
    }
    const attr = `\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*')`;
    const start = new RegExp(`^<(${NAME})((?:${attr})*)\\s*(/?)>`).exec(xml.slice(lt));
    if (!start || !start[1]) return fail("malformed tag", lt);
    const names = [...(start[2] ?? "").matchAll(new RegExp(`(${NAME})\\s*=`, "g"))].map(
      (m) => m[1],
    );
    if (new Set(names).size !== names.length) fail("duplicate attribute", lt);
    checkRefs(start[2] ?? "", lt);
    if (!stack.length && ++roots > 1) fail("second root", lt);
    if (!start[3]) stack.push(start[1]);
    i = lt + start[0].length;
  }
  if (stack.length || roots !== 1) fail(`unclosed ${stack.join(">")}`, xml.length);
}

interface Paragraph {
  style: string;
  text: string;
  indent: string | null;
  links: string[];
}

/** The paragraphs of document.xml, through a real (htmlparser2) XML tokenizer. */
function paragraphs(xml: string): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Paragraph | null = null;
  let into: "t" | "instr" | null = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "w:p") current = { style: "", text: "", indent: null, links: [] };
        if (!current) return;
        if (name === "w:pStyle") current.style = attrs["w:val"] ?? "";
        if (name === "w:ind") current.indent = attrs["w:left"] ?? null;
        if (name === "w:tab") current.text += "\t";
        if (name === "w:br") current.text += "\n";
        if (name === "w:t") into = "t";
        if (name === "w:instrText") into = "instr";
      },
      ontext(data) {
        if (current && into === "t") current.text += data;
        if (current && into === "instr") current.links.push(data);
      },
      onclosetag(name) {
        if (name === "w:t" || name === "w:instrText") into = null;
        if (name !== "w:p" || !current) return;
        out.push(current);
        current = null;
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  return out;
}

describe("formatDocxClipBook", () => {
  it("writes every part of a WordprocessingML package, each well-formed", async () => {
    const bytes = await build(meta, entries);
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual([...PARTS].sort());
    // [Content_Types].xml comes first: the first local header names it.
    expect(text(bytes.subarray(30, 30 + 19))).toBe("[Content_Types].xml");
    for (const part of PARTS) assertWellFormed(text(files[part]), part);

    const core = text(files["docProps/core.xml"]);
    expect(core).toContain("<dc:title>CSTO reading group — autumn 2025</dc:title>");
    expect(core).toContain("<dc:creator>Ana Lima</dc:creator>");
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-11-05T10:20:30Z<');
    const styles = text(files["word/styles.xml"]);
    for (const id of ["Normal", "Title", "Heading1", "Heading2", "Quote", "Attribution"]) {
      expect(styles).toContain(`w:styleId="${id}"`);
    }
    expect(text(files["word/_rels/document.xml.rels"])).toContain('Target="styles.xml"');
  });

  const python = spawnSync("python3", ["-c", "import xml.dom.minidom"]).status === 0;
  it.skipIf(!python)("passes a real XML parser too (python3's expat)", async () => {
    const files = unzipSync(await build(meta, entries));
    for (const part of PARTS) {
      const check = "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.stdin.buffer)";
      const result = spawnSync("python3", ["-c", check], { input: files[part] });
      expect(result.stderr.toString(), part).toBe("");
      expect(result.status, part).toBe(0);
    }
  });

  it("lays out headings, quotes, attributions, links, comments and replies in order", async () => {
    const doc = text(unzipSync(await build(meta, entries))["word/document.xml"]);
    const paras = paragraphs(doc).map((p) => [p.style, p.text]);
    expect(paras.slice(0, 12)).toEqual([
      ["Title", "CSTO reading group — autumn 2025"],
      [
        "Subtitle",
        "Generated 5 November 2025 by Ana Lima · Tags: trial balloon · Status: any · 4 annotations",
      ],
      ["Heading1", "trial balloon"],
      ["Normal", "Floated to test."],
      [
        "Quote",
        "…in the Kremlin's residence on Friday, the spokesman said Moscow suggested a peacekeeping role in the South Caucasus, an idea that Yerevan has repeatedly…",
      ],
      [
        "Attribution",
        "— Ana Lima · Informal CSTO summit exposes rifts · 3 November 2025 · resolved",
      ],
      ["Comment", "Classic trial balloon."],
      ["Comment", "Compare with 2022."],
      ["Reply", "Bekzod Karimov (4 November 2025): Agreed."],
      ["Reply", "Ana Lima (4 November 2025): That is the point.\nSecond line."],
      ["Quote", "Putin floated a gas union with Uzbekistan."],
      ["Attribution", '— Ana Lima · Gas & "union" · 3 November 2025 · text changed'],
    ]);
    expect(paras.slice(12, 14).map(([style]) => style)).toEqual(["Heading1", "Quote"]);
    expect(paras[12]?.[1]).toBe("alliance friction");
    expect(paras.slice(-3)).toEqual([
      ["Heading1", "Untagged"],
      ["Quote", "the bloc"],
      [
        "Attribution",
        "— Ana Lima · Informal CSTO summit exposes rifts · 3 November 2025 · passage no longer in the text",
      ],
    ]);
    const all = paragraphs(doc);
    expect(all.filter((p) => p.style === "Reply").map((p) => p.indent)).toEqual(["720", "1080"]);
    expect(all.flatMap((p) => p.links)).toEqual(
      ["d1#a1", "d2#a2", "d1#a3", "d1#a4"].map((ref) => ` HYPERLINK "${BASE}/d/${ref}" `),
    );
    expect(doc).toContain("<w:b/><w:bCs/>"); // the exact text in bold
    expect(doc).toMatch(/<w:sectPr>.*<\/w:sectPr><\/w:body><\/w:document>$/);
  });

  it("escapes hostile text and drops what XML cannot carry", async () => {
    const doc = text(unzipSync(await build(meta, entries))["word/document.xml"]);
    expect(doc).not.toContain("<script>");
    expect(doc).toContain("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;q&quot;");
    expect(doc).toContain("Dana &lt;admin&gt; &amp; co");
    expect(doc).toContain("🎉 שלום مرحبا");
    expect(doc).not.toMatch(/[\u0000\u0008\u000B\uFFFE\uFFFD]/);
    const hostile = paragraphs(doc).find((p) => p.text.startsWith("Hostile"));
    expect(hostile?.text).toBe("Hostile: <script>alert('x')</script> & \"q\"  🎉 שלום مرحبا end.");
    expect(doc).toContain('<w:t xml:space="preserve">Hostile: </w:t>');
    expect(paragraphs(doc).some((p) => p.text.startsWith("Tab\there <script>"))).toBe(true);
  });

  it("links the word 'link' in a document export, encodes odd URLs, leaves replies out", async () => {
    const odd = annotation("a9", { url: `${BASE}/d/d1?q="x y"\\` });
    const doc = text(
      unzipSync(
        await build({ ...meta, scope: "document", withReplies: false }, [
          entries[0]!,
          { group: null, annotation: odd },
        ]),
      )["word/document.xml"],
    );
    const paras = paragraphs(doc);
    expect(paras.find((p) => p.style === "Attribution")?.text).toBe(
      "— Ana Lima · 3 November 2025 · link · resolved",
    );
    expect(paras.some((p) => p.style === "Reply")).toBe(false);
    expect(paras.flatMap((p) => p.links)[1]).toBe(` HYPERLINK "${BASE}/d/d1?q=%22x%20y%22%5C" `);
  });

  it("writes a valid document for no entries", async () => {
    const files = unzipSync(await build({ ...meta, total: 0, filterSummary: "" }, []));
    const doc = text(files["word/document.xml"]);
    assertWellFormed(doc, "word/document.xml");
    expect(paragraphs(doc).map((p) => p.text)).toEqual([
      "CSTO reading group — autumn 2025",
      "Generated 5 November 2025 by Ana Lima · 0 annotations",
      "No annotations match.",
    ]);
  });

  it("is deterministic, with zip times taken from generatedAt", async () => {
    const [a, b] = [await build(meta, entries), await build(meta, entries)];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const view = new DataView(a.buffer, a.byteOffset);
    const [time, date] = [view.getUint16(10, true), view.getUint16(12, true)];
    expect([date >> 9, (date >> 5) & 15, date & 31]).toEqual([2025 - 1980, 11, 5]);
    expect([time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([10, 20, 30]);
  });

  it("streams 5,000 entries in many chunks, reading entries only as chunks are taken", async () => {
    let read = 0;
    async function* many(): AsyncGenerator<ClipBookEntry> {
      for (let i = 0; i < 5000; i++) {
        read += 1;
        const group = i < 2500 ? balloon : friction;
        yield {
          group,
          annotation: { ...entries[0]!.annotation, id: `a${i}`, url: `${BASE}/a/${i}` },
        };
      }
    }
    const readAtChunk: number[] = [];
    const chunks: Uint8Array[] = [];
    for await (const chunk of formatDocxClipBook({ ...meta, total: 5000 }, many())) {
      readAtChunk.push(read);
      chunks.push(chunk);
    }
    expect(read).toBe(5000);
    expect(chunks.length).toBeGreaterThan(50);
    // The package's first bytes go out before any entry is read, document.xml's soon after.
    expect(readAtChunk[0]).toBe(0);
    expect(readAtChunk[1]).toBeLessThan(100);
    // Between two chunks the formatter never runs far ahead of its consumer.
    const gaps = readAtChunk.slice(1).map((n, k) => n - (readAtChunk[k] ?? 0));
    expect(Math.max(...gaps)).toBeLessThan(100);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(64 * 1024);

    const doc = text(unzipSync(new Uint8Array(Buffer.concat(chunks)))["word/document.xml"]);
    const paras = paragraphs(doc);
    expect(paras.filter((p) => p.style === "Quote")).toHaveLength(5000);
    expect(paras.filter((p) => p.style === "Heading1").map((p) => p.text)).toEqual([
      "trial balloon",
      "alliance friction",
    ]);
  });
});

describe("the well-formedness check of these tests", () => {
  it("rejects what a real parser rejects", () => {
    assertWellFormed('<?xml version="1.0"?>\n<a x="1"><b/>t &amp; &#x1F389;</a>', "ok");
    for (const bad of [
      "<a><b></a></b>",
      "<a>x</a><b/>",
      '<a x="1" x="2"/>',
      "<a x=1/>",
      "<a>&nbsp;</a>",
      "<a>& </a>",
      "<a>\u0001</a>",
      "<a>",
      "text<a/>",
    ]) {
      expect(() => assertWellFormed(bad, "bad"), bad).toThrow();
    }
  });
});

describe("quote context", () => {
  it("keeps short context whole, with the space next to the quote", () => {
    expect(contextBefore("  the spokesman said ")).toBe("the spokesman said ");
    expect(contextAfter(" in Minsk.\n")).toBe(" in Minsk.");
  });

  it("cuts long context at a word boundary, about 60 characters from the quote", () => {
    const words = "one two three four five six seven eight nine ten eleven twelve thirteen";
    const before = contextBefore(`${words} `);
    expect(before.startsWith("…")).toBe(true);
    expect(before.length).toBeLessThanOrEqual(61);
    expect(words.endsWith(before.slice(1).trimEnd())).toBe(true);
    expect(before.slice(1, 2)).not.toBe(" ");
    const after = contextAfter(` ${words}`);
    expect(after.endsWith("…")).toBe(true);
    expect(after.length).toBeLessThanOrEqual(61);
    expect(` ${words}`.startsWith(after.slice(0, -1))).toBe(true);
    expect(contextAfter(`x${"y".repeat(100)}`)).toBe(`x${"y".repeat(59)}…`);
  });
});
