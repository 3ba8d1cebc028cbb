import { ElementType, parseDocument } from "htmlparser2";
import { fromMarkdown as parseMarkdown } from "mdast-util-from-markdown";
import { z } from "zod";

// Canonical text is a public promise: annotation offsets index into `text`, so every
// change to these rules changes what existing offsets point at. Change with care.

export const BLOCK_TYPES = ["paragraph", "heading", "quote", "list-item", "code"] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];
/** `level` only for headings. */
export const blockSchema = z.object({
  type: z.enum(BLOCK_TYPES),
  level: z.number().int().min(1).max(6).optional(),
});
export type Block = z.infer<typeof blockSchema>;

/** `blocks` is parallel to splitBlocks(text); an empty text has no blocks. */
export interface CanonicalText {
  text: string;
  blocks: Block[];
  title: string | null;
}
export type SourceFormat = "text" | "markdown" | "html";

const PARAGRAPH: Block = { type: "paragraph" };
const QUOTE: Block = { type: "quote" };
const LIST_ITEM: Block = { type: "list-item" };
const CODE: Block = { type: "code" };
const heading = (level: number): Block => ({ type: "heading", level });

// C0 and C1 controls except \t and \n; \r is turned into \n before this runs.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Lone surrogates cannot be stored as UTF-8, so the database would silently change them.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(s: string): string {
  return s
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n")
    .replace(CONTROL, "")
    .replace(LONE_SURROGATE, "\uFFFD")
    .normalize("NFC");
}

const stripBom = (s: string): string => (s.startsWith("\uFEFF") ? s.slice(1) : s);

function finishBlock(raw: string, type: BlockType): string {
  const s = clean(raw);
  if (type !== "code") return s.replace(/\s+/g, " ").trim();
  // Code keeps its lines but may not contain "\n\n", so blank lines go.
  const lines = s
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line !== "");
  // Dedent first: trimming the block would otherwise shift only the first line.
  let indent = lines[0]?.match(/^[ \t]*/)?.[0] ?? "";
  for (const line of lines) while (!line.startsWith(indent)) indent = indent.slice(0, -1);
  return lines
    .map((line) => line.slice(indent.length))
    .join("\n")
    .trim();
}

/** Collects blocks; text added between two flushes becomes one block. */
class Blocks {
  readonly out: Array<{ text: string; block: Block }> = [];
  private parts: string[] = [];
  private block: Block = PARAGRAPH;
  private hasText = false;
  private separator = "";

  add(text: string, block: Block): void {
    if (this.parts.length === 0) this.block = block;
    if (/\S/.test(text)) {
      if (this.hasText && this.separator) this.parts.push(this.separator);
      this.hasText = true;
      this.separator = "";
    }
    this.parts.push(text);
  }
  /** Puts `separator` before the next text, if both it and earlier text are non-blank. */
  separate(separator: string): void {
    this.separator = separator;
  }
  flush(): void {
    const text = finishBlock(this.parts.join(""), this.block.type);
    this.parts = [];
    this.hasText = false;
    this.separator = "";
    if (text) this.out.push({ text, block: this.block });
  }
  push(text: string, block: Block): void {
    this.flush();
    this.add(text, block);
    this.flush();
  }
  result(title: string | null | undefined): CanonicalText {
    this.flush();
    return {
      text: this.out.map((o) => o.text).join("\n\n"),
      blocks: this.out.map((o) => ({ ...o.block })),
      title: (title && finishBlock(title, "paragraph")) || null,
    };
  }
}

export function splitBlocks(text: string): string[] {
  return text === "" ? [] : text.split("\n\n");
}

export function blockOffsets(text: string): Array<{ start: number; end: number }> {
  let start = 0;
  return splitBlocks(text).map((block) => {
    const range = { start, end: start + block.length };
    start = range.end + 2;
    return range;
  });
}

export function canonicalize(format: SourceFormat, input: string): CanonicalText {
  const parse = { text: fromPlainText, markdown: fromMarkdown, html: fromHtml }[format];
  return parse(input);
}

/**
 * Without blank lines every line is a paragraph (the seed article's shape); with
 * them, blank lines separate paragraphs and single newlines are hard wraps.
 */
export function fromPlainText(input: string): CanonicalText {
  const text = clean(stripBom(input));
  const wrapped = /\n\s*\n/.test(text.trim());
  const b = new Blocks();
  for (const line of text.split("\n")) {
    if (line.trim() === "") b.flush();
    else if (wrapped) b.add(line + "\n", PARAGRAPH);
    else b.push(line, PARAGRAPH);
  }
  return b.result(null);
}

// ---------------------------------------------------------------- Markdown

type MdNode = ReturnType<typeof parseMarkdown>["children"][number];
interface MdInline {
  type: string;
  value?: string;
  children?: MdInline[];
}

// Images are dropped: their alt text reads as stray words inside prose.
function mdText(node: MdInline): string {
  const { type, value = "" } = node;
  if (type === "text" || type === "inlineCode") return value;
  if (type === "break") return " ";
  if (type === "html") return /^<br\b/i.test(value) ? " " : "";
  if (type === "image" || type === "imageReference") return "";
  return (node.children ?? []).map(mdText).join("");
}

// CommonMark has no tables; a GFM table arrives as one paragraph, split into rows here.
const TABLE_DELIMITER = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$/;
function tableRows(raw: string): string[] | null {
  const lines = raw.split("\n");
  if (lines.length < 2 || !lines.every((line) => line.includes("|"))) return null;
  if (!TABLE_DELIMITER.test(lines[1]?.trim() ?? "")) return null;
  return lines
    .filter((_, i) => i !== 1)
    .map((line) =>
      line
        .trim()
        .replace(/^\|/, "")
        .replace(/(?<!\\)\|$/, "")
        .split(/(?<!\\)\|/)
        .map((cell) => finishBlock(mdText(parseMarkdown(cell)), "paragraph"))
        .filter(Boolean)
        .join(" | "),
    );
}

// micromark slows quadratically on containers stacked on one line ("- - - … x"), so a
// line keeps at most 32 of them; no real document comes close.
const STACKED =
  /^([ \t]*(?:(?:>[ \t]*|(?:[-*+]|\d{1,9}[.)])[ \t]+)){32})(?:>[ \t]*|(?:[-*+]|\d{1,9}[.)])[ \t]+)+/gm;
// It also slows quadratically with nesting depth from indentation (a list indented two more
// spaces on every line: 1 MB took 40 s), so leading whitespace is capped at 64 columns; past
// that, deeper lines become siblings, which no real document notices.
const MAX_INDENT = 64;
function capIndentation(source: string): string {
  return source.replace(/^[ \t]{17,}/gm, (run) => {
    let columns = 0;
    for (const ch of run) columns = ch === "\t" ? columns + 4 - (columns % 4) : columns + 1;
    return " ".repeat(Math.min(columns, MAX_INDENT));
  });
}
const FRONT_MATTER = /^---[ \t]*\n[\w-]+[ \t]*:[^\n]*\n(?:[^\n]*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|$)/;

export function fromMarkdown(input: string): CanonicalText {
  const source = capIndentation(
    clean(stripBom(input)).replace(FRONT_MATTER, "").replace(STACKED, "$1"),
  );
  const b = new Blocks();
  let title: string | null = null;

  // `ctx` is the innermost container's block type: quote, list-item or paragraph.
  const visit = (node: MdNode, ctx: Block): void => {
    switch (node.type) {
      case "paragraph": {
        const { start, end } = node.position ?? {};
        const rows = tableRows(source.slice(start?.offset ?? 0, end?.offset ?? 0));
        for (const row of rows ?? [mdText(node)]) b.push(row, ctx);
        return;
      }
      case "heading": {
        const text = mdText(node);
        if (node.depth === 1) title ??= finishBlock(text, "paragraph") || null;
        return b.push(text, heading(node.depth));
      }
      case "blockquote":
        return node.children.forEach((child) => visit(child, QUOTE));
      case "list":
        return node.children.forEach((child) => visit(child, ctx));
      case "listItem":
        // One block per item: a loose item's paragraphs join; nested lists split off.
        b.flush();
        for (const child of node.children) {
          if (child.type === "paragraph") b.add(mdText(child) + " ", LIST_ITEM);
          else visit(child, LIST_ITEM);
        }
        return b.flush();
      case "code":
        return b.push(node.value, CODE);
      case "html":
        // Raw HTML goes through the same reducer as uploads: text kept, tags and scripts gone.
        b.flush();
        walkHtml(parseDocument(node.value).children, b, ctx, DROP);
        return b.flush();
      default:
        // thematicBreak, definition: no text of their own.
        return;
    }
  };
  for (const node of parseMarkdown(source).children) visit(node, PARAGRAPH);
  return b.result(title);
}

// -------------------------------------------------------------------- HTML

type HtmlNode = ReturnType<typeof parseDocument>["children"][number];
type HtmlElement = Extract<HtmlNode, { attribs: Record<string, string> }>;

// Never readable content, or unsafe to show as prose: dropped with everything inside.
const ALWAYS_DROP = [
  "script", "style", "noscript", "template", "head", "title", "iframe", "frame", "frameset",
  "object", "embed", "applet", "svg", "math", "canvas", "audio", "video", "map", "img",
  "input", "textarea", "select", "option", "datalist", "button", "meta", "link", "base",
]; // prettier-ignore
const FALLBACK_DROP = new Set(ALWAYS_DROP);
// Boilerplate too; only kept when a page has no other text (e.g. one <form> around all).
const DROP = new Set([...ALWAYS_DROP, "form", "nav"]);
const FOREIGN = new Set(["svg", "math", "template"]);
// td and th are not here: cells of a row join into one block (see Blocks.separate).
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
  "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2",
  "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "listing", "main",
  "menu", "ol", "p", "plaintext", "pre", "search", "section", "summary", "table", "tbody",
  "tfoot", "thead", "tr", "ul", "xmp",
]); // prettier-ignore

function isElement(node: HtmlNode): node is HtmlElement {
  const { type } = node;
  return type === ElementType.Tag || type === ElementType.Script || type === ElementType.Style;
}

const dropped = (el: HtmlElement, drop: ReadonlySet<string>): boolean =>
  drop.has(el.name) || el.attribs.hidden !== undefined;

function childBlock(name: string, ctx: Block): Block {
  if (/^h[1-6]$/.test(name)) return heading(Number(name[1]));
  if (name === "blockquote") return QUOTE;
  if (name === "li") return LIST_ITEM;
  if (name === "pre" || name === "listing" || name === "xmp" || name === "plaintext") return CODE;
  return ctx;
}

// The walks below use explicit stacks, not recursion: hostile pages nest thousands deep.

function walkHtml(nodes: HtmlNode[], b: Blocks, start: Block, drop: ReadonlySet<string>): void {
  const stack = [{ nodes, i: 0, ctx: start, block: false }];
  for (let top = stack[0]; top; top = stack[stack.length - 1]) {
    const node = top.nodes[top.i++];
    if (!node) {
      stack.pop();
      if (top.block) b.flush();
      continue;
    }
    if (node.type === ElementType.Text) b.add(node.data, top.ctx);
    if (!isElement(node) || dropped(node, drop)) continue; // comments, CDATA, doctype too
    const name = node.name;
    if (name === "br") b.add(top.ctx.type === "code" ? "\n" : " ", top.ctx);
    if (name === "td" || name === "th") b.separate(" | ");
    const block = BLOCK.has(name) && top.ctx.type !== "code";
    if (block) b.flush();
    const ctx = block ? childBlock(name, top.ctx) : top.ctx;
    stack.push({ nodes: node.children, i: 0, ctx, block });
  }
}

/** Text of an element on one line (titles, article length). */
function htmlText(el: HtmlElement): string {
  const b = new Blocks();
  walkHtml(el.children, b, { type: "paragraph" }, DROP);
  b.flush();
  return b.out.map((o) => o.text).join(" ");
}

/** <title>s outside svg; visible h1, main, body and outermost articles; in document order. */
function landmarks(doc: HtmlNode): Map<string, HtmlElement[]> {
  const found = new Map(
    ["title", "h1", "article", "main", "body"].map((n) => [n, [] as HtmlElement[]]),
  );
  type Inside = { foreign: boolean; drop: boolean; article: boolean };
  const stack: Array<[HtmlNode, Inside]> = [[doc, { foreign: false, drop: false, article: false }]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, inside] = item;
    if (!("children" in node)) continue;
    const name = isElement(node) ? node.name : "";
    const wanted = name === "title" ? !inside.foreign : !inside.drop;
    if (isElement(node) && wanted && !(name === "article" && inside.article)) {
      found.get(name)?.push(node);
    }
    const next: Inside = {
      foreign: inside.foreign || FOREIGN.has(name),
      drop: inside.drop || (isElement(node) && dropped(node, DROP)),
      article: inside.article || name === "article",
    };
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i]!, next]);
  }
  return found;
}

/**
 * Boilerplate reduction: the longest outermost <article>, else <main>, else <body>; if
 * that gives no text, the whole document with only non-content elements dropped.
 */
export function fromHtml(input: string): CanonicalText {
  const doc = parseDocument(clean(stripBom(input)));
  const found = landmarks(doc);
  const first = (name: string) => found.get(name)?.[0];
  const textOf = (el: HtmlElement | undefined) => (el ? htmlText(el) : "");
  const title = textOf(first("title")) || textOf(first("h1"));
  let article: HtmlElement | undefined;
  let longest = 0;
  for (const el of found.get("article") ?? []) {
    const length = textOf(el).length;
    if (length > longest) [article, longest] = [el, length];
  }
  const only = (el: HtmlElement | undefined) => (el ? [el] : []);
  const candidates: Array<[HtmlNode[], ReadonlySet<string>]> = [
    [only(article), DROP],
    [only(first("main")), DROP],
    [only(first("body")), DROP],
    [doc.children, FALLBACK_DROP],
  ];
  let b = new Blocks();
  for (const [roots, drop] of candidates) {
    b = new Blocks();
    walkHtml(roots, b, PARAGRAPH, drop);
    b.flush();
    if (b.out.length > 0) break;
  }
  return b.result(title);
}
