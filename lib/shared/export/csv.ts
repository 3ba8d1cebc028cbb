// Annotations as CSV (RFC 4180), streamed.
//
// - A UTF-8 byte order mark comes first: without it Excel reads the file as the local ANSI code
//   page and mangles every accent. Other readers (pandas, LibreOffice, csvkit) skip it.
// - Lines end in CRLF, as RFC 4180 says; line breaks inside a cell (comments, threads) are LF,
//   which Excel and LibreOffice show as line breaks within the cell.
// - A cell is quoted only when it must be (it holds a comma, a double quote, CR or LF), with
//   inner quotes doubled.
// - CSV injection (OWASP): a spreadsheet runs a cell that starts with = + - @ (or TAB / CR,
//   which some readers strip before looking) as a formula, so every cell of user or document
//   text that starts with one of them, or with their full-width forms ＝ ＋ － ＠ (which
//   some spreadsheets fold to ASCII), gets a leading apostrophe. The apostrophe is visible in
//   other readers; that is the price OWASP recommends paying. Cells we generate ourselves
//   (positions, reply counts, enums) cannot start with a trigger and are written as they are.
// - Speed: one charCode switch and at most one regex test per cell, rows concatenated into one
//   string and handed on every ROWS_PER_CHUNK rows, so the consumer sees few, large chunks.

import type { ExportAnnotation, ExportMeta, ExportReply } from "./types";
import { authorLabel } from "./labels";

const BOM = "\uFEFF";
const EOL = "\r\n";
/** Rows joined into one chunk before it is yielded. */
const ROWS_PER_CHUNK = 256;
/** A cell that holds one of these must be quoted. */
const NEEDS_QUOTES = /[",\r\n]/;

const COLUMNS = [
  "document",
  "document_url",
  "source_url",
  "quote",
  "prefix",
  "suffix",
  "start",
  "end",
  "anchor",
  "tags",
  "author",
  "visibility",
  "status",
  "created",
  "updated",
  "comment",
  "replies",
  "link",
] as const;

/** True when a spreadsheet would read a cell starting with this character as a formula. */
function isFormulaTrigger(code: number): boolean {
  switch (code) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // TAB
    case 0x0d: // CR
    case 0xff1d: // ＝
    case 0xff0b: // ＋
    case 0xff0d: // －
    case 0xff20: // ＠
      return true;
    default:
      return false;
  }
}

/** One CSV cell of text: neutralized against formula injection, quoted when it must be. */
export function csvCell(value: string): string {
  const cell = value.length > 0 && isFormulaTrigger(value.charCodeAt(0)) ? `'${value}` : value;
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The thread as plain text, one reply per line: "Name (ISO date): text". */
function threadText(replies: ExportReply[]): string {
  let text = "";
  for (const reply of replies) {
    if (text) text += "\n";
    text += `${authorLabel(reply)} (${reply.createdAt}): ${reply.bodyText}`;
  }
  return text;
}

function row(a: ExportAnnotation, withReplies: boolean): string {
  const doc = a.document;
  let tags = "";
  for (const tag of a.tags) tags = tags ? `${tags}; ${tag.name}` : tag.name;
  let line =
    csvCell(doc.title) +
    "," +
    csvCell(doc.url) +
    "," +
    csvCell(doc.sourceUrl ?? "") +
    "," +
    csvCell(a.quote.exact) +
    "," +
    csvCell(a.quote.prefix) +
    "," +
    csvCell(a.quote.suffix) +
    "," +
    (a.position ? `${a.position.start},${a.position.end}` : ",") +
    "," +
    a.anchorState +
    "," +
    csvCell(tags) +
    "," +
    csvCell(authorLabel(a)) +
    "," +
    a.visibility +
    "," +
    a.status +
    "," +
    csvCell(a.createdAt) +
    "," +
    csvCell(a.updatedAt) +
    "," +
    csvCell(a.bodyText ?? "") +
    "," +
    a.replyCount +
    "," +
    csvCell(a.url);
  if (withReplies) line += "," + csvCell(threadText(a.replies));
  return line + EOL;
}

export async function* formatCsv(
  meta: ExportMeta,
  items: AsyncIterable<ExportAnnotation>,
): AsyncGenerator<string> {
  const header = meta.withReplies ? [...COLUMNS, "thread"] : COLUMNS;
  let chunk = BOM + header.join(",") + EOL;
  let rows = 0;
  for await (const a of items) {
    chunk += row(a, meta.withReplies);
    rows += 1;
    if (rows === ROWS_PER_CHUNK) {
      yield chunk;
      chunk = "";
      rows = 0;
    }
  }
  if (chunk) yield chunk;
}

/** The workspace's tags ("codebook") as CSV: name, color, description, count. */
export function formatCodebookCsv(
  tags: Array<{ name: string; color: string; description: string | null; count: number }>,
): string {
  let out = BOM + "name,color,description,count" + EOL;
  for (const tag of tags) {
    out += `${csvCell(tag.name)},${csvCell(tag.color)},${csvCell(tag.description ?? "")},${tag.count}${EOL}`;
  }
  return out;
}
