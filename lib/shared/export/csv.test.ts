import { describe, expect, it } from "vitest";

import { parseCsv } from "../../../tests/support/csv";

import { csvCell, formatCodebookCsv, formatCsv } from "./csv";
import type { ExportAnnotation, ExportMeta } from "./types";

const BASE = "https://glossa.example";
const HEADER =
  "document,document_url,source_url,quote,prefix,suffix,start,end,anchor,tags,author," +
  "visibility,status,created,updated,comment,replies,link";
const TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"];

const meta: ExportMeta = {
  title: "Talks",
  scope: "document",
  baseUrl: BASE,
  selfUrl: `${BASE}/api/v1/documents/d1/export?format=csv`,
  total: 2,
  generatedAt: "2025-03-04T10:11:12.000Z",
  requester: { id: "u1", name: "Ada" },
  filterSummary: "",
  withReplies: false,
};

function annotation(id: string, overrides: Partial<ExportAnnotation> = {}): ExportAnnotation {
  return {
    id,
    document: {
      id: "d1",
      title: "Talks in Minsk",
      sourceUrl: "https://news.example/minsk",
      sourceAuthor: null,
      sourcePublisher: null,
      revisionId: "r1",
      revisionNumber: 1,
      revisionCreatedAt: "2025-02-01T09:00:00.000Z",
      url: `${BASE}/documents/d1`,
    },
    quote: { exact: "the talks", prefix: "said that ", suffix: " would resume" },
    position: { start: 120, end: 129 },
    anchorState: "exact",
    tags: [{ name: "evidence", color: "#000000" }],
    author: { id: "u2", name: "Björn" },
    visibility: "workspace",
    status: "open",
    createdAt: "2025-02-02T08:00:00.000Z",
    updatedAt: "2025-02-03T08:00:00.000Z",
    bodyHtml: "<p>Yes</p>",
    bodyText: "Yes",
    replyCount: 0,
    replies: [],
    url: `${BASE}/documents/d1#annotation-${id}`,
    ...overrides,
  };
}

async function* stream<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function csv(m: ExportMeta, items: ExportAnnotation[]) {
  const chunks: string[] = [];
  for await (const chunk of formatCsv(m, stream(items))) chunks.push(chunk);
  return { chunks, text: chunks.join("") };
}

async function table(m: ExportMeta, items: ExportAnnotation[]) {
  const { text } = await csv(m, items);
  expect(text.startsWith("\uFEFF")).toBe(true);
  const [header = [], ...rows] = parseCsv(text.slice(1));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

describe("csvCell", () => {
  it("quotes only what must be quoted, doubling quotes", () => {
    expect(csvCell("plain text")).toBe("plain text");
    expect(csvCell("")).toBe("");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("one\ntwo")).toBe('"one\ntwo"');
    expect(csvCell("one\r\ntwo")).toBe('"one\r\ntwo"');
    expect(csvCell("naïve 😀 中文")).toBe("naïve 😀 中文");
  });

  it("neutralizes every formula trigger with a leading apostrophe", () => {
    for (const t of TRIGGERS) {
      const cell = csvCell(`${t}SUM(A1:A9)`);
      expect(cell.replace(/^"/, "").startsWith(`'${t}`), JSON.stringify(t)).toBe(true);
    }
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("'=x")).toBe("'=x");
  });
});

describe("formatCsv", () => {
  it("writes a BOM, the header and CRLF-ended rows", async () => {
    const { text } = await csv(meta, [annotation("a1")]);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(`\uFEFF${HEADER}`);
    expect(lines[1]).toBe(
      `Talks in Minsk,${BASE}/documents/d1,https://news.example/minsk,the talks,said that , would resume,` +
        `120,129,exact,evidence,Björn,workspace,open,2025-02-02T08:00:00.000Z,2025-02-03T08:00:00.000Z,` +
        `Yes,0,${BASE}/documents/d1#annotation-a1`,
    );
    expect(lines[2]).toBe("");
    expect(lines).toHaveLength(3);
  });

  it("round-trips tricky values through an RFC 4180 parser", async () => {
    const tricky = annotation("a1", {
      quote: { exact: 'He said "no", then\r\nleft; 😀', prefix: "", suffix: "line\nbreak" },
      document: { ...annotation("x").document, title: 'Ünïcödé, "quoted"', sourceUrl: null },
      tags: [
        { name: "a, b", color: "#111111" },
        { name: "中文", color: "#222222" },
      ],
      bodyText: 'First paragraph\nSecond, with "quotes"',
      position: null,
      anchorState: "orphaned",
      status: "resolved",
      visibility: "private",
      replyCount: 4,
    });
    const [row] = await table(meta, [tricky]);
    expect(row).toMatchObject({
      document: 'Ünïcödé, "quoted"',
      source_url: "",
      quote: 'He said "no", then\r\nleft; 😀',
      prefix: "",
      suffix: "line\nbreak",
      start: "",
      end: "",
      anchor: "orphaned",
      tags: "a, b; 中文",
      visibility: "private",
      status: "resolved",
      comment: 'First paragraph\nSecond, with "quotes"',
      replies: "4",
    });
  });

  it("writes an empty cell for a highlight without comment", async () => {
    const [row] = await table(meta, [
      annotation("a1", { bodyHtml: null, bodyText: null, tags: [] }),
    ]);
    expect(row).toMatchObject({ comment: "", tags: "", replies: "0" });
  });

  it("neutralizes formula triggers in every text column", async () => {
    for (const t of TRIGGERS) {
      const evil = `${t}HYPERLINK("http://evil.example","x")`;
      const a = annotation("a1", {
        document: { ...annotation("x").document, title: evil, url: evil, sourceUrl: evil },
        quote: { exact: evil, prefix: evil, suffix: evil },
        tags: [
          { name: evil, color: "#000000" },
          { name: "b", color: "#000000" },
        ],
        author: { id: "u", name: evil },
        createdAt: evil,
        updatedAt: evil,
        bodyText: evil,
        url: evil,
        replies: [
          {
            id: "r1",
            parentId: null,
            author: { id: "u", name: evil },
            createdAt: "2025-01-01T00:00:00.000Z",
            editedAt: null,
            bodyHtml: "",
            bodyText: "x",
          },
        ],
      });
      const [row = {}] = await table({ ...meta, withReplies: true }, [a]);
      const columns = ["document", "document_url", "source_url", "quote", "prefix", "suffix"];
      columns.push("tags", "author", "created", "updated", "comment", "link", "thread");
      for (const column of columns) {
        expect(row[column]?.startsWith(`'${t}`), `${column} ${JSON.stringify(t)}`).toBe(true);
      }
    }
  });

  it("adds the thread column when replies are exported", async () => {
    const a = annotation("a1", {
      replyCount: 2,
      replies: [
        {
          id: "r1",
          parentId: null,
          author: { id: "u3", name: "Chloé" },
          createdAt: "2025-02-04T08:00:00.000Z",
          editedAt: null,
          bodyHtml: "<p>Agreed, fully.</p>",
          bodyText: "Agreed, fully.",
        },
        {
          id: "r2",
          parentId: "r1",
          author: { id: "u2", name: "Björn" },
          createdAt: "2025-02-05T08:00:00.000Z",
          editedAt: null,
          bodyHtml: "<p>Thanks</p><p>again</p>",
          bodyText: "Thanks\nagain",
        },
      ],
    });
    const { text } = await csv({ ...meta, withReplies: true }, [a]);
    expect(text.split("\r\n")[0]!.endsWith(",link,thread")).toBe(true);
    const [row] = await table({ ...meta, withReplies: true }, [a]);
    expect(row!.thread).toBe(
      "Chloé (2025-02-04T08:00:00.000Z): Agreed, fully.\nBjörn (2025-02-05T08:00:00.000Z): Thanks\nagain",
    );
    const [plain] = await table(meta, [a]);
    expect(plain).not.toHaveProperty("thread");
  });

  it("batches rows into few chunks, and writes a header for no rows", async () => {
    const many = Array.from({ length: 600 }, (_, i) => annotation(`a${i}`));
    const { chunks, text } = await csv(meta, many);
    expect(chunks.length).toBeLessThanOrEqual(3);
    expect(parseCsv(text.slice(1))).toHaveLength(601);
    const empty = await csv(meta, []);
    expect(empty.text).toBe(`\uFEFF${HEADER}\r\n`);
  });
});

describe("formatCodebookCsv", () => {
  it("writes name, color, description and count with the same rules", () => {
    const text = formatCodebookCsv([
      { name: "trial balloon", color: "#f59e0b", description: "Kites, flown", count: 12 },
      { name: "=cmd|' /C calc'!A0", color: "#000000", description: null, count: 0 },
      { name: "＠home", color: "#111111", description: '-"quoted"\nline', count: 3 },
    ]);
    expect(text.startsWith("\uFEFFname,color,description,count\r\n")).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([
      ["name", "color", "description", "count"],
      ["trial balloon", "#f59e0b", "Kites, flown", "12"],
      ["'=cmd|' /C calc'!A0", "#000000", "", "0"],
      ["'＠home", "#111111", `'-"quoted"\nline`, "3"],
    ]);
  });
});
