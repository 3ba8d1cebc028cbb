import { type JSONContent, getSchema } from "@tiptap/core";
import type { Mark, Schema } from "@tiptap/pm/model";
import { ElementType, parseDocument } from "htmlparser2";

import { COMMENT_LIMITS, commentExtensions } from "@/lib/shared/editor/extensions";
import { isSafeHref } from "@/lib/shared/editor/links";

import {
  type Budget,
  type Container,
  addBreak,
  addText,
  cleanText,
  closeParagraph,
  collapse,
  container,
  isBlank,
  newBudget,
  openParagraph,
  spend,
  takeChars,
} from "./tiptap-builder";

// An imported comment, given as HTML or plain text, as the Tiptap JSON our comment editor
// holds (lib/shared/editor/extensions.ts): what that schema can say is kept (paragraphs,
// bold, italic, strike, code, safe links, lists, quotes, code blocks, hard breaks), the rest
// becomes its text or nothing (scripts, styles, frames). Headings become bold paragraphs, and
// mentions plain "@Name" text: an imported mention must notify no one. Glossa's own comment
// HTML (what parseCommentBody renders) reads back to the same document, mentions excepted.

type HtmlNode = ReturnType<typeof parseDocument>["children"][number];
type HtmlElement = Extract<HtmlNode, { attribs: Record<string, string> }>;

/** Dropped with everything in them. */
const DROP = new Set(
  (
    "script style template noscript iframe frame frameset object embed applet head title meta " +
    "link base svg math canvas audio video source track input select option textarea button " +
    "map area param dialog"
  ).split(" "),
);
/** Boundaries of paragraphs, with no block of their own in a comment. */
const BLOCK = new Set(
  (
    "address article aside center dd details dir div dl dt fieldset figcaption figure footer " +
    "form header hgroup li main menu nav section summary table caption thead tbody tfoot tr td th"
  ).split(" "),
);
const MARKS: Record<string, string> = {
  strong: "bold",
  b: "bold",
  em: "italic",
  i: "italic",
  cite: "italic",
  dfn: "italic",
  var: "italic",
  s: "strike",
  strike: "strike",
  del: "strike",
  code: "code",
  kbd: "code",
  samp: "code",
  tt: "code",
};
const HEADING = /^h[1-6]$/;
const CODE_LANGUAGE = /^[a-z0-9][a-z0-9+#._-]{0,31}$/i;
const LIST_TYPES = new Set(["1", "a", "A", "i", "I"]);
const MAX_DEPTH = COMMENT_LIMITS.maxDepth;
/** Deeper HTML is read as its text alone (and never overflows the stack). */
const MAX_HTML_DEPTH = 200;

let cachedSchema: Schema | undefined;
const commentSchema = (): Schema => (cachedSchema ??= getSchema(commentExtensions()));

interface Walk {
  schema: Schema;
  budget: Budget;
}

const isElement = (node: HtmlNode): node is HtmlElement => node.type === ElementType.Tag;

function withMark(marks: readonly Mark[], mark: Mark): readonly Mark[] {
  return mark.addToSet(marks);
}

/** The text of `root`'s descendants, <br> as newlines, without recursion. */
function textOf(root: { children: HtmlNode[] }): string {
  let text = "";
  const stack: HtmlNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === ElementType.Text) text += node.data;
    else if (isElement(node) && !DROP.has(node.name)) {
      if (node.name === "br") text += "\n";
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return text;
}

function walk(nodes: HtmlNode[], c: Container, marks: readonly Mark[], w: Walk, level: number) {
  for (const node of nodes) {
    if (w.budget.full) return;
    if (node.type === ElementType.Text) addText(c, collapse(node.data), marks, w.budget);
    else if (isElement(node)) element(node, c, marks, w, level + 1);
  }
}

function element(el: HtmlElement, c: Container, marks: readonly Mark[], w: Walk, level: number) {
  const { name, attribs } = el;
  if (DROP.has(name)) return;
  if (level > MAX_HTML_DEPTH) return addText(c, collapse(textOf(el)), marks, w.budget);
  if (name === "br") return addBreak(c, marks, w.budget);
  if (name === "p" || HEADING.test(name)) {
    const bold = name === "p" ? marks : withMark(marks, w.schema.marks.bold!.create());
    return paragraph(el, c, bold, w, level);
  }
  if (name === "ul" || name === "ol") return list(el, c, marks, w, level);
  if (name === "blockquote") return blockquote(el, c, marks, w, level);
  if (name === "pre") return codeBlock(el, c, w);
  if (name === "hr") return closeParagraph(c);
  if (BLOCK.has(name)) {
    closeParagraph(c);
    walk(el.children, c, marks, w, level);
    return closeParagraph(c);
  }
  if (name === "img") return addText(c, collapse(attribs.alt ?? ""), marks, w.budget);
  if (name === "span" && attribs["data-type"] === "mention") {
    // A mention of someone in another workspace: its text, never a mention node.
    const label = textOf(el) || `@${attribs["data-label"] ?? attribs["data-id"] ?? ""}`;
    return addText(c, collapse(label), marks, w.budget);
  }
  let inner = marks;
  const href = attribs.href?.trim();
  if (name === "a" && href && isSafeHref(href)) {
    inner = withMark(marks, w.schema.marks.link!.create({ href }));
  } else if (Object.hasOwn(MARKS, name)) {
    inner = withMark(marks, w.schema.marks[MARKS[name]!]!.create());
  }
  walk(el.children, c, inner, w, level);
}

function paragraph(el: HtmlElement, c: Container, marks: readonly Mark[], w: Walk, level: number) {
  closeParagraph(c);
  const before = c.blocks.length;
  openParagraph(c, w.budget);
  walk(el.children, c, marks, w, level);
  // `<p></p>` is an empty line, kept; one emptied by the blocks it held is not.
  closeParagraph(c, c.blocks.length === before);
}

function blockquote(el: HtmlElement, c: Container, marks: readonly Mark[], w: Walk, level: number) {
  closeParagraph(c);
  // Too deep to nest (the quote's paragraphs' text would pass the limit): its blocks join ours.
  if (c.depth + 2 > MAX_DEPTH) {
    walk(el.children, c, marks, w, level);
    return closeParagraph(c);
  }
  if (!spend(w.budget, 1)) return;
  const inner = container(c.depth + 1);
  walk(el.children, inner, marks, w, level);
  closeParagraph(inner);
  if (inner.blocks.length > 0) c.blocks.push({ type: "blockquote", content: inner.blocks });
}

function list(el: HtmlElement, c: Container, marks: readonly Mark[], w: Walk, level: number) {
  closeParagraph(c);
  if (c.depth + 3 > MAX_DEPTH) {
    // Too deep to nest: each item becomes paragraphs of ours (<li> is a block boundary).
    walk(el.children, c, marks, w, level);
    return closeParagraph(c);
  }
  if (!spend(w.budget, 1)) return;
  const items: JSONContent[] = [];
  let item: Container | null = null;
  const finish = () => {
    if (!item) return;
    closeParagraph(item);
    // A list item starts with a paragraph, empty if it starts with a list or a quote.
    if (item.blocks[0]?.type !== "paragraph") item.blocks.unshift({ type: "paragraph" });
    items.push({ type: "listItem", content: item.blocks });
    item = null;
  };
  for (const child of el.children) {
    if (w.budget.full) break;
    if (isElement(child) && child.name === "li") {
      finish();
      if (!spend(w.budget, 2)) break;
      item = container(c.depth + 2);
      walk(child.children, item, marks, w, level + 1);
    } else if (child.type === ElementType.Text && isBlank(collapse(child.data))) {
      continue;
    } else {
      // Content between items (a stray list, text) belongs to the item before it.
      if (!item) {
        if (!spend(w.budget, 2)) break;
        item = container(c.depth + 2);
      }
      walk([child], item, marks, w, level);
    }
  }
  finish();
  if (items.length === 0) return;
  if (el.name === "ul") return void c.blocks.push({ type: "bulletList", content: items });
  const attrs: Record<string, unknown> = {};
  const start = /^\s*\d{1,9}\s*$/.test(el.attribs.start ?? "") ? Number(el.attribs.start) : 1;
  if (start !== 1) attrs.start = start;
  const type = el.attribs.type;
  if (type !== undefined && LIST_TYPES.has(type)) attrs.type = type;
  const node: JSONContent = { type: "orderedList", content: items };
  if (Object.keys(attrs).length > 0) node.attrs = attrs;
  c.blocks.push(node);
}

function codeBlock(el: HtmlElement, c: Container, w: Walk) {
  closeParagraph(c);
  if (!spend(w.budget, 1)) return;
  const code = el.children.find((n): n is HtmlElement => isElement(n) && n.name === "code");
  const classes = `${code?.attribs.class ?? ""} ${el.attribs.class ?? ""}`;
  const language = /(?:^|\s)lang(?:uage)?-(\S+)/.exec(classes)?.[1];
  let text = cleanText(textOf(el));
  // As in a browser, a newline right after <pre> is not part of the code.
  const first = el.children[0];
  if (first?.type === ElementType.Text && first.data.startsWith("\n")) text = text.slice(1);
  const node: JSONContent = { type: "codeBlock" };
  if (language && CODE_LANGUAGE.test(language)) node.attrs = { language };
  const taken = text === "" || !spend(w.budget, 1) ? "" : takeChars(w.budget, text);
  if (taken !== "") node.content = [{ type: "text", text: taken }];
  c.blocks.push(node);
}

/** HTML as a comment document, within the comment limits (cut, or flattened, past them). */
export function htmlToTiptap(html: string): JSONContent {
  const w: Walk = { schema: commentSchema(), budget: newBudget() };
  const doc = container(1);
  walk(parseDocument(html).children, doc, [], w, 0);
  closeParagraph(doc);
  return { type: "doc", content: doc.blocks.length > 0 ? doc.blocks : [{ type: "paragraph" }] };
}

/** Plain text as a comment document: blank lines part paragraphs, other newlines are breaks. */
export function textToTiptap(text: string): JSONContent {
  const budget = newBudget();
  const content: JSONContent[] = [];
  for (const part of cleanText(text).split(/\n[ \t\f\v]*\n/)) {
    const lines = part.replace(/^\s*\n|\n\s*$/g, "").split("\n");
    if (!lines.some((l) => /\S/.test(l)) || !spend(budget, 1)) continue;
    const inline: JSONContent[] = [];
    lines.forEach((l, i) => {
      if (i > 0 && spend(budget, 1)) inline.push({ type: "hardBreak" });
      const taken = l.trimEnd() === "" || !spend(budget, 1) ? "" : takeChars(budget, l.trimEnd());
      if (taken !== "") inline.push({ type: "text", text: taken });
    });
    content.push({ type: "paragraph", content: inline });
    if (budget.full) break;
  }
  return { type: "doc", content: content.length > 0 ? content : [{ type: "paragraph" }] };
}

function hasVisibleText(node: JSONContent): boolean {
  if (node.type === "text") return /\S/.test(node.text ?? "");
  return (node.content ?? []).some(hasVisibleText);
}

/** Whether ProseMirror takes `doc` as a comment (a safety net: the builders aim for this). */
function fitsSchema(doc: JSONContent): boolean {
  try {
    commentSchema().nodeFromJSON(doc).check();
    return new TextEncoder().encode(JSON.stringify(doc)).length <= COMMENT_LIMITS.maxJsonBytes;
  } catch {
    return false;
  }
}

/**
 * An imported comment (see ImportedAnnotation in types.ts) as a document for
 * parseCommentBody, or null when it shows no text at all. HTML is preferred over plain text.
 */
export function commentFromImport(body: {
  html: string | null;
  text: string | null;
}): JSONContent | null {
  if (body.html !== null && body.html.trim() !== "") {
    let doc = htmlToTiptap(body.html);
    if (!fitsSchema(doc)) doc = textToTiptap(textOf(parseDocument(body.html)));
    if (hasVisibleText(doc)) return doc;
  }
  if (body.text !== null && body.text.trim() !== "") {
    const doc = textToTiptap(body.text);
    if (hasVisibleText(doc)) return doc;
  }
  return null;
}
