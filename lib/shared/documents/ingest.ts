import { DomUtils, ElementType, parseDocument } from "htmlparser2";
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
    .map((line) => line.replace(/\s+$/, ""))
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

  add(text: string, block: Block): void {
    if (this.parts.length === 0) this.block = block;
    this.parts.push(text);
  }
  flush(): void {
    const text = finishBlock(this.parts.join(""), this.block.type);
    this.parts = [];
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
  switch (format) {
    case "text":
      return fromPlainText(input);
    case "markdown":
      return fromMarkdown(input);
    case "html":
      return fromHtml(input);
  }
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
  switch (node.type) {
    case "text":
    case "inlineCode":
      return node.value ?? "";
    case "break":
      return " ";
    case "html":
      return /^<br\b/i.test(node.value ?? "") ? " " : "";
    case "image":
    case "imageReference":
      return "";
    default:
      return (node.children ?? []).map(mdText).join("");
  }
}

// CommonMark has no tables; a GFM table arrives as one paragraph, split into rows here.
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
function tableRows(raw: string): string[] | null {
  const lines = raw.split("\n");
  if (lines.length < 2 || !TABLE_DELIMITER.test(lines[1] ?? "")) return null;
  if (!lines.every((line) => line.includes("|"))) return null;
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

const FRONT_MATTER = /^---[ \t]*\n[\w-]+[ \t]*:[^\n]*\n(?:[^\n]*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|$)/;

export function fromMarkdown(input: string): CanonicalText {
  const source = clean(stripBom(input)).replace(FRONT_MATTER, "");
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
        return walkHtml(parseDocument(node.value).children, b, ctx, DROP);
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
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
  "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2",
  "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "listing", "main",
  "menu", "ol", "p", "plaintext", "pre", "search", "section", "summary", "table", "tbody", "td",
  "tfoot", "th", "thead", "tr", "ul", "xmp",
]); // prettier-ignore

function isElement(node: HtmlNode): node is HtmlElement {
  return (
    node.type === ElementType.Tag ||
    node.type === ElementType.Script ||
    node.type === ElementType.Style
  );
}

const dropped = (el: HtmlElement, drop: ReadonlySet<string>): boolean =>
  drop.has(el.name) || el.attribs.hidden !== undefined;

function insideAny(el: HtmlElement, names: ReadonlySet<string>): boolean {
  for (let p = el.parent; p && "name" in p; p = p.parent) if (names.has(p.name)) return true;
  return false;
}

function childBlock(name: string, ctx: Block): Block {
  if (/^h[1-6]$/.test(name)) return heading(Number(name[1]));
  if (name === "blockquote") return QUOTE;
  if (name === "li") return LIST_ITEM;
  if (name === "pre" || name === "listing" || name === "xmp" || name === "plaintext") return CODE;
  return ctx;
}

/** Text of a subtree with block boundaries as spaces (titles, table cells). */
function htmlText(nodes: HtmlNode[], drop: ReadonlySet<string>): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === ElementType.Text) out += node.data;
    else if (isElement(node) && !dropped(node, drop)) {
      const gap = node.name === "br" || BLOCK.has(node.name) ? " " : "";
      out += gap + htmlText(node.children, drop) + gap;
    }
  }
  return out;
}

const isLayoutBlock = (el: HtmlElement): boolean =>
  BLOCK.has(el.name) && el.name !== "td" && el.name !== "th";

function walkHtml(nodes: HtmlNode[], b: Blocks, ctx: Block, drop: ReadonlySet<string>): void {
  for (const node of nodes) {
    if (node.type === ElementType.Text) b.add(node.data, ctx);
    if (!isElement(node) || dropped(node, drop)) continue; // comments, CDATA, doctype too
    const name = node.name;
    if (name === "br") {
      b.add(ctx.type === "code" ? "\n" : " ", ctx);
    } else if (name === "tr" && !DomUtils.findOne(isLayoutBlock, node.children)) {
      // A data row reads as one line; a layout row (cells holding blocks) is walked as blocks.
      const cells = node.children.filter(isElement).filter((c) => !dropped(c, drop));
      const texts = cells.map((c) => finishBlock(htmlText(c.children, drop), "paragraph"));
      b.push(texts.filter(Boolean).join(" | "), ctx);
    } else if (BLOCK.has(name) && ctx.type !== "code") {
      b.flush();
      walkHtml(node.children, b, childBlock(name, ctx), drop);
      b.flush();
    } else {
      walkHtml(node.children, b, ctx, drop);
    }
  }
}

/**
 * Boilerplate reduction: the longest top-level <article>, else <main>, else <body>; if
 * that gives no text, the whole document with only non-content elements dropped.
 */
export function fromHtml(input: string): CanonicalText {
  const doc = parseDocument(clean(stripBom(input)));
  const find = (name: string, outside: ReadonlySet<string>) =>
    DomUtils.findAll((e) => e.name === name && !insideAny(e, outside), doc.children);
  const foreign = new Set(["svg", "math", "template"]);
  const textOf = (el: HtmlElement | undefined) =>
    el ? finishBlock(htmlText(el.children, DROP), "paragraph") : "";
  const title = textOf(find("title", foreign)[0]) || textOf(find("h1", DROP)[0]);

  const articles = find("article", new Set([...DROP, "article"]))
    .map((el) => ({ el, length: textOf(el).length }))
    .sort((x, y) => y.length - x.length);
  const candidates: Array<[HtmlNode[], ReadonlySet<string>]> = [
    [articles.slice(0, 1).map((a) => a.el), DROP],
    [find("main", DROP).slice(0, 1), DROP],
    [find("body", DROP).slice(0, 1), DROP],
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
