// The clip book as a Word document (.docx), streamed: the package is a ZIP written by fflate's
// streaming Zip, and word/document.xml is deflated piece by piece as entries arrive, so memory
// stays flat however many annotations there are. Hyperlinks are HYPERLINK fields rather than
// w:hyperlink elements, which would need every URL listed in a relationships part.

import { Zip, ZipDeflate } from "fflate";

import { documentEnd, documentStart, fixedParts, link, para, run } from "./docx-xml";
import type { ClipBookEntry, ExportAnnotation, ExportMeta } from "./types";
import { contextAfter, contextBefore } from "./context";
import { authorLabel, formatDate } from "./labels";

export { contextAfter, contextBefore };

/** How much of the text around a quote is shown, in characters. */
const CONTEXT_COLOR = "595959";

export async function* formatDocxClipBook(
  meta: ExportMeta,
  entries: AsyncIterable<ClipBookEntry>,
): AsyncGenerator<Uint8Array> {
  // fflate's Zip and ZipDeflate are synchronous: a push hands whatever it produced to `ondata`
  // before returning, and this queue is drained (yielded) before the next entry is read. The
  // deflater itself keeps a fixed window (under 100 KB of XML), so memory stays flat.
  const queue: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure ??= error;
    else if (chunk.length) queue.push(chunk);
  });
  const take = (): Uint8Array | null => {
    if (failure) throw failure;
    const chunk = concat(queue);
    queue.length = 0;
    return chunk;
  };
  const encoder = new TextEncoder();
  const mtime = zipTime(meta.generatedAt);
  const open = (name: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = mtime;
    zip.add(file);
    return file;
  };

  for (const [name, xml] of fixedParts(meta)) open(name).push(encoder.encode(xml), true);
  // Added last: fflate holds back a file's output until the files before it are complete.
  const doc = open("word/document.xml");
  doc.push(encoder.encode(documentStart() + header(meta)));
  const first = take();
  if (first) yield first;

  let group: string | undefined;
  let count = 0;
  for await (const entry of entries) {
    const key = entry.group ? `tag:${entry.group.name}` : "untagged";
    const heading = key === group ? "" : groupHeading(entry.group);
    group = key;
    count += 1;
    doc.push(encoder.encode(heading + entryXml(meta, entry.annotation)));
    const chunk = take();
    if (chunk) yield chunk;
  }

  const empty = count ? "" : para("Normal", run("No annotations match.", { italic: true }));
  doc.push(encoder.encode(empty + documentEnd()), true);
  zip.end();
  const last = take();
  if (last) yield last;
}

function header(meta: ExportMeta): string {
  const count = `${meta.total.toLocaleString("en-GB")} ${meta.total === 1 ? "annotation" : "annotations"}`;
  const line = [
    `Generated ${formatDate(meta.generatedAt)} by ${meta.requester.name}`,
    meta.filterSummary,
    count,
  ];
  return para("Title", run(meta.title)) + para("Subtitle", run(line.filter(Boolean).join(" · ")));
}

function groupHeading(group: ClipBookEntry["group"]): string {
  const heading = para("Heading1", run(group ? group.name : "Untagged"));
  const description = group?.description?.trim();
  return description ? heading + para("Normal", run(description, { italic: true })) : heading;
}

function entryXml(meta: ExportMeta, a: ExportAnnotation): string {
  // The exact text's own edge spaces go to the context, so that words stay apart.
  const { exact, prefix, suffix } = a.quote;
  let before = contextBefore(prefix);
  let after = contextAfter(suffix);
  if (before && /^\s/.test(exact) && !before.endsWith(" ")) before += " ";
  if (after && /\s$/.test(exact) && !after.startsWith(" ")) after = ` ${after}`;
  const quote =
    run(before, { color: CONTEXT_COLOR }) +
    run(exact.trim().replace(/\s*\n\s*/g, "\n"), { bold: true }) +
    run(after, { color: CONTEXT_COLOR });

  // In a workspace export the document is worth naming; in a document export it is the title.
  const source = meta.scope === "workspace" && a.document.title.trim() ? a.document.title : null;
  const attribution = [
    run(`— ${authorLabel(a)}`),
    source === null ? null : link(a.url, source),
    run(formatDate(a.createdAt)),
    source === null ? link(a.url, "link") : null,
    a.status === "resolved" ? run("resolved") : null,
    a.anchorState === "fuzzy" ? run("text changed") : null,
    a.anchorState === "orphaned" ? run("passage no longer in the text") : null,
  ]
    .filter((part): part is string => part !== null)
    .join(run(" · "));

  let xml = para("Quote", quote) + para("Attribution", attribution);
  for (const line of lines(a.bodyText)) xml += para("Comment", run(line));
  if (meta.withReplies) xml += repliesXml(a);
  return xml;
}

function repliesXml(a: ExportAnnotation): string {
  // Replies come parents first: a reply to a reply sits one step further in (up to a point).
  const depths = new Map<string, number>();
  let xml = "";
  for (const reply of a.replies) {
    const parentDepth = reply.parentId === null ? undefined : depths.get(reply.parentId);
    const depth = parentDepth === undefined ? 0 : parentDepth + 1;
    depths.set(reply.id, depth);
    const runs =
      run(authorLabel(reply), { bold: true }) +
      run(` (${formatDate(reply.createdAt)}): `) +
      run(lines(reply.bodyText).join("\n"));
    xml += para("Reply", runs, 720 + 360 * Math.min(depth, 4));
  }
  return xml;
}

function lines(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/\r\n?|\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "");
}

/** ZIP stores local wall-clock time and fflate reads it with local getters: hand it a Date whose
 * local fields are the UTC ones, so the bytes do not depend on the server's time zone. */
function zipTime(iso: string): Date {
  const parsed = new Date(Date.parse(iso) || Date.UTC(1980, 0, 1));
  const year = Math.min(Math.max(parsed.getUTCFullYear(), 1980), 2099);
  return new Date(
    year,
    parsed.getUTCMonth(),
    parsed.getUTCDate(),
    parsed.getUTCHours(),
    parsed.getUTCMinutes(),
    parsed.getUTCSeconds(),
  );
}

function concat(chunks: Uint8Array[]): Uint8Array | null {
  if (chunks.length <= 1) return chunks[0] ?? null;
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
