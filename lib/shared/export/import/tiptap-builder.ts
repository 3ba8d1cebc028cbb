import type { JSONContent } from "@tiptap/core";
import { Mark } from "@tiptap/pm/model";

import { COMMENT_LIMITS } from "@/lib/shared/editor/extensions";

// The pieces html-to-tiptap.ts builds a comment from: containers of blocks, the inline content
// of the paragraph being filled, whitespace collapsed as a browser would, and a budget that
// keeps the result inside COMMENT_LIMITS (past it, the rest of the comment is left out and
// the last text ends with "…"), so that the server's parseCommentBody accepts it.

/** Collapsible whitespace from the source's formatting, until a paragraph is finished. */
export const SOFT = "\u0000";

export interface Budget {
  chars: number;
  nodes: number;
  bytes: number;
  full: boolean;
}
export const newBudget = (): Budget => ({ chars: 0, nodes: 0, bytes: 0, full: false });

const MAX_NODES = COMMENT_LIMITS.maxNodes - 16;
const MAX_BYTES = Math.floor(COMMENT_LIMITS.maxJsonBytes * 0.85);
/** Each node's JSON beyond its text, generously. */
const NODE_BYTES = 48;

/** Whether `nodes` more nodes of about `bytes` bytes of JSON fit; if not, the budget is full. */
export function spend(b: Budget, nodes: number, bytes = 0): boolean {
  if (b.full) return false;
  if (b.nodes + nodes > MAX_NODES || b.bytes + nodes * NODE_BYTES + bytes > MAX_BYTES) {
    b.full = true;
    return false;
  }
  b.nodes += nodes;
  b.bytes += nodes * NODE_BYTES + bytes;
  return true;
}

/** As much of `text` as the character budget allows ("…" where it is cut). */
export function takeChars(b: Budget, text: string): string {
  const room = COMMENT_LIMITS.maxChars - b.chars;
  const bytes = text.length * 3;
  if (text.length <= room && b.bytes + bytes <= MAX_BYTES) {
    b.chars += text.length;
    b.bytes += bytes;
    return text;
  }
  b.full = true;
  const max = Math.max(0, Math.min(room, Math.floor((MAX_BYTES - b.bytes) / 3)) - 1);
  let cut = text.slice(0, max);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/[\s\u0000]+$/, "");
  if (cut === "") return "";
  b.chars += cut.length + 1;
  b.bytes += (cut.length + 1) * 3;
  return `${cut}…`;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as the server accepts it: valid Unicode, no NUL or other invisible controls. */
export function cleanText(s: string): string {
  return s
    .replace(LONE_SURROGATE, "\ufffd")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g, "");
}

/** Outside <pre>: a run of whitespace holding a newline, tab or form feed (the source's
 * formatting) collapses to one soft space; runs of plain spaces are kept as typed, as our own
 * editor stores them, so that a comment exported as HTML reads back unchanged. */
export const collapse = (s: string): string =>
  cleanText(s).replace(/[ \t\n\f]*[\t\n\f][ \t\n\f]*/g, SOFT);

export const isBlank = (s: string): boolean => /^[ \t\n\f\u0000]*$/.test(s);

/** A text run, or a hard break (`text` null), with its marks. */
export interface Inline {
  text: string | null;
  marks: readonly Mark[];
}

export interface Container {
  blocks: JSONContent[];
  /** The depth of the blocks below the document (the document's own are at 1). */
  depth: number;
  /** The inline content of the paragraph being filled, if one is open. */
  inline: Inline[] | null;
}

export const container = (depth: number): Container => ({ blocks: [], depth, inline: null });

export function openParagraph(c: Container, b: Budget): Inline[] | null {
  if (c.inline === null && spend(b, 1)) c.inline = [];
  return c.inline;
}

export function addText(c: Container, text: string, marks: readonly Mark[], b: Budget): void {
  if (b.full || text === "" || (c.inline === null && isBlank(text))) return;
  const inline = openParagraph(c, b);
  if (!inline) return;
  const last = inline.at(-1);
  if (last && last.text !== null && Mark.sameSet(last.marks, marks)) {
    last.text += takeChars(b, text);
  } else if (spend(b, 1, marksBytes(marks))) {
    const taken = takeChars(b, text);
    if (taken !== "") inline.push({ text: taken, marks });
  }
}

export function addBreak(c: Container, marks: readonly Mark[], b: Budget): void {
  const inline = openParagraph(c, b);
  if (inline && spend(b, 1, marksBytes(marks))) inline.push({ text: null, marks });
}

/** Ends the open paragraph: kept if it shows something, or when `keepEmpty` (a `<p></p>`). */
export function closeParagraph(c: Container, keepEmpty = false): void {
  const content = c.inline === null ? [] : finishInline(c.inline);
  c.inline = null;
  const blank = content.every((n) => n.type === "text" && !/\S/.test(n.text ?? ""));
  if (content.length > 0 && !(blank && !keepEmpty)) c.blocks.push({ type: "paragraph", content });
  else if (keepEmpty) c.blocks.push({ type: "paragraph" });
}

function marksBytes(marks: readonly Mark[]): number {
  let bytes = 0;
  for (const mark of marks)
    bytes += 24 + (mark.type.name === "link" ? String(mark.attrs.href).length * 3 : 0);
  return bytes;
}

function marksJson(marks: readonly Mark[]): JSONContent["marks"] {
  return marks.map((mark) =>
    mark.type.name === "link"
      ? { type: "link", attrs: { href: mark.attrs.href as string } }
      : { type: mark.type.name },
  );
}

/** Soft spaces resolved line by line (a hard break starts a line), equal neighbours joined. */
function finishInline(items: Inline[]): JSONContent[] {
  const out: Inline[] = [];
  let line: Inline[] = [];
  const push = (item: Inline) => {
    const last = out.at(-1);
    if (item.text === "") return;
    if (item.text !== null && last && last.text !== null && Mark.sameSet(last.marks, item.marks)) {
      last.text += item.text;
    } else out.push({ ...item });
  };
  const flush = () => {
    resolveSoftSpaces(line);
    line.forEach(push);
    line = [];
  };
  for (const item of items) {
    if (item.text === null) {
      flush();
      push(item);
    } else line.push({ ...item });
  }
  flush();
  return out.map((item) => {
    const node: JSONContent =
      item.text === null ? { type: "hardBreak" } : { type: "text", text: item.text };
    if (item.marks.length > 0) node.marks = marksJson(item.marks);
    return node;
  });
}

/** Like a browser: a soft space is dropped at either end of a line and next to another space. */
function resolveSoftSpaces(line: Inline[]): void {
  const s = line.map((item) => item.text).join("");
  if (!s.includes(SOFT)) return;
  const next: (string | undefined)[] = new Array(s.length);
  for (let i = s.length - 1, after: string | undefined; i >= 0; i--) {
    next[i] = after;
    if (s[i] !== SOFT) after = s[i];
  }
  let resolved = "";
  let prev: string | undefined;
  const lengths: number[] = [];
  let offset = 0;
  for (const item of line) {
    const from = resolved.length;
    for (let i = offset; i < offset + item.text!.length; i++) {
      const ch = s[i]!;
      if (ch !== SOFT) resolved += prev = ch;
      else if (prev !== undefined && prev !== " " && next[i] !== undefined && next[i] !== " ") {
        resolved += prev = " ";
      }
    }
    offset += item.text!.length;
    lengths.push(resolved.length - from);
  }
  let at = 0;
  line.forEach((item, i) => {
    item.text = resolved.slice(at, at + lengths[i]!);
    at += lengths[i]!;
  });
}
