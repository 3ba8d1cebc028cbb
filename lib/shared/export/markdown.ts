// The clip book as Markdown (CommonMark), streamed: one chunk for the header, then one per entry.
//
//   # Title
//   Generated 2 January 2025 by Ada · Tags: evidence · 12 annotations
//   ## tag name            (then its description in italics)
//   > …text before **the quote** text after…
//   — Author, [Document title](annotation url), 2 January 2025; resolved; text changed
//   The comment, one paragraph per line of bodyText.
//   - **Name** (3 January 2025): a reply          (replies to replies nest)
//
// Everything that comes from people or documents is escaped so it renders as the literal text:
// - anywhere in a line, the characters that open inline syntax are backslash-escaped:
//   \ ` * _ { } [ ] < > & | ~ $ (emphasis, code, links and images, raw HTML and autolinks,
//   entities, GFM tables and strikethrough, math). With [ ] escaped, ( ) ! cannot form a link.
// - at the start of a line (after its leading whitespace is dropped, so nothing becomes an
//   indented code block) also # + - = > and the "." or ")" of "1." / "1)", which would make a
//   heading, list, setext underline or blockquote. Headings also escape every "#", since a
//   trailing "#" run would be taken as the heading's closing sequence.
// Escaping everything everywhere would also be safe but makes the raw file hard to read.
// Line breaks inside the quote stay inside the blockquote: each paragraph gets its own "> " line.
// The quote is bolded paragraph by paragraph (strong emphasis cannot span paragraphs), and a
// space is put between context and quote only where CommonMark's flanking rules need one.

import type { ClipBookEntry, ExportAnnotation, ExportMeta, ExportReply } from "./types";
import { contextAfter, contextBefore } from "./context";
import { authorLabel, formatDate } from "./labels";

export { contextAfter, contextBefore };

/** Characters Markdown could read as syntax inside a line: escaped wherever user text goes. */
const INLINE = /[\\`*_{}[\]<>&|~$]/g;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/u;

export async function* formatMarkdownClipBook(
  meta: ExportMeta,
  entries: AsyncIterable<ClipBookEntry>,
): AsyncGenerator<string> {
  yield header(meta);
  let group: string | undefined;
  let count = 0;
  for await (const entry of entries) {
    const key = entry.group ? `tag:${entry.group.name}` : "untagged";
    const heading = key === group ? "" : groupHeading(entry.group);
    group = key;
    count += 1;
    yield heading + entryBlocks(entry.annotation, meta.withReplies);
  }
  if (count === 0) yield block("*No annotations match.*");
}

/** Text escaped for the middle of a line. */
export function escapeInline(text: string): string {
  return text.replace(INLINE, "\\$&");
}

/** One line of text escaped to stay a plain paragraph line. */
export function escapeLine(text: string): string {
  return escapeLineStart(escapeInline(text.trimStart()));
}

function escapeLineStart(line: string): string {
  return line.replace(/^[#+\-=>]/, "\\$&").replace(/^(\d{1,9})([.)])/, "$1\\$2");
}

function escapeHeading(text: string): string {
  return escapeInline(oneLine(text)).replaceAll("#", "\\#");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function block(text: string): string {
  return `\n${text}\n`;
}

function header(meta: ExportMeta): string {
  const count = `${meta.total.toLocaleString("en-GB")} ${meta.total === 1 ? "annotation" : "annotations"}`;
  const line = [
    `Generated ${formatDate(meta.generatedAt)} by ${oneLine(meta.requester.name)}`,
    oneLine(meta.filterSummary),
    count,
  ];
  const title = escapeHeading(meta.title) || "Clip book";
  return `# ${title}\n${block(escapeLine(line.filter(Boolean).join(" · ")))}`;
}

function groupHeading(group: ClipBookEntry["group"]): string {
  const heading = block(`## ${group ? escapeHeading(group.name) || "Unnamed tag" : "Untagged"}`);
  const description = group?.description ? oneLine(group.description) : "";
  return description ? heading + block(`*${escapeInline(description)}*`) : heading;
}

function entryBlocks(a: ExportAnnotation, withReplies: boolean): string {
  const notes = [
    a.status === "resolved" ? "resolved" : null,
    a.anchorState === "fuzzy" ? "text changed" : null,
    a.anchorState === "orphaned" ? "passage no longer in the text" : null,
  ].filter((note) => note !== null);
  const attribution =
    `— ${escapeInline(oneLine(authorLabel(a)))}, ` +
    `${link(oneLine(a.document.title) || "Untitled", a.url)}, ${formatDate(a.createdAt)}` +
    notes.map((note) => `; ${note}`).join("");

  let out = block(quoteBlock(a.quote)) + block(attribution);
  for (const paragraph of paragraphs(a.bodyText)) out += block(escapeLine(paragraph));
  if (withReplies && a.replies.length) out += block(repliesList(a.replies));
  return out;
}

/** `> …before **exact** after…`, one "> " line per paragraph of the quote. */
function quoteBlock(quote: ExportAnnotation["quote"]): string {
  const before = contextBefore(quote.prefix);
  const after = contextAfter(quote.suffix);
  const parts = paragraphs(quote.exact);
  if (parts.length === 0) return `> ${escapeLine(`${before}${after}`) || "…"}`;

  const first = parts[0] ?? "";
  const last = parts[parts.length - 1] ?? "";
  // `**` opens only if it is not followed by punctuation while preceded by a letter (and closes
  // likewise), so "word**(quote**" needs a space where "word**quote**" does not.
  const open =
    before && !WHITESPACE.test(before.at(-1) ?? "") && !PUNCTUATION.test(before.at(-1) ?? "")
      ? PUNCTUATION.test(first[0] ?? "")
        ? " "
        : ""
      : "";
  const close =
    after && !WHITESPACE.test(after[0] ?? "") && !PUNCTUATION.test(after[0] ?? "")
      ? PUNCTUATION.test(last.at(-1) ?? "")
        ? " "
        : ""
      : "";
  const bolded = parts.map((part) => `**${escapeInline(part)}**`);
  bolded[0] = `${escapeInline(before)}${open}${bolded[0]}`;
  bolded[bolded.length - 1] = `${bolded[bolded.length - 1]}${close}${escapeInline(after)}`;
  return bolded.map((line) => `> ${escapeLineStart(line.trimStart())}`).join("\n>\n");
}

function repliesList(replies: ExportReply[]): string {
  // Replies come parents first: a reply to a reply is one level further in (up to a point).
  const depths = new Map<string, number>();
  const items: string[] = [];
  for (const reply of replies) {
    const parentDepth = reply.parentId === null ? undefined : depths.get(reply.parentId);
    const depth = parentDepth === undefined ? 0 : Math.min(parentDepth + 1, 4);
    depths.set(reply.id, depth);
    const indent = "  ".repeat(depth);
    const [first = "", ...rest] = paragraphs(reply.bodyText);
    let item =
      `${indent}- **${escapeInline(oneLine(authorLabel(reply)) || "Unknown")}**` +
      ` (${formatDate(reply.createdAt)}): ${escapeInline(first)}`;
    for (const paragraph of rest) item += `\n\n${indent}  ${escapeLine(paragraph)}`;
    items.push(item);
  }
  return items.join("\n");
}

/** A Markdown link to an http(s) URL; other URLs are not linked. */
function link(text: string, url: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeInline(text);
  const destination = url.replace(
    /[\s<>()\\]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
  return `[${escapeInline(text)}](${destination})`;
}

function paragraphs(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}
