import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { authorize } from "@/lib/server/permissions";
import { listTags } from "@/lib/server/tags/manage-tags";
import { getDocumentMembershipOrThrow, getMembershipOrThrow } from "@/lib/server/workspaces/access";
import { formatCodebookCsv, formatCsv } from "@/lib/shared/export/csv";
import { formatDocxClipBook } from "@/lib/shared/export/docx";
import { formatJsonLd, JSONLD_CONTENT_TYPE } from "@/lib/shared/export/jsonld";
import { formatMarkdownClipBook } from "@/lib/shared/export/markdown";
import type { ExportChunk, ExportMeta } from "@/lib/shared/export/types";
import { includeReplies, type ExportQuery } from "@/lib/shared/schemas/export";

import { countExportRows, openExportSnapshot, type ExportScope } from "./export-snapshot";
import { exportFilename, filterSummary } from "./export-meta";

// An export of annotations, as the API and the pages hand it out: authorized here, read in one
// snapshot (export-snapshot.ts) and written by a streaming formatter (lib/shared/export), so a
// response body is produced as the client reads it.

/** What to export: one document, or every document of a workspace. */
export type ExportTarget = { documentId: string } | { workspaceId: string };

export interface ExportResult {
  total: number;
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  codebook: "text/csv; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  jsonld: JSONLD_CONTENT_TYPE,
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

/** Resolves what is exported and checks the actor may export it (404 outside the workspace). */
export async function resolveExportScope(
  actor: Actor,
  target: ExportTarget,
): Promise<{ scope: ExportScope; title: string }> {
  if ("documentId" in target) {
    const membership = await getDocumentMembershipOrThrow(actor, target.documentId);
    authorize(membership, "export.run");
    const document = await prisma.document.findUniqueOrThrow({
      where: { id: target.documentId },
      select: { title: true, workspaceId: true },
    });
    return {
      scope: { kind: "document", workspaceId: document.workspaceId, documentId: target.documentId },
      title: document.title,
    };
  }
  const { workspaceId } = target;
  const membership = await getMembershipOrThrow(actor, workspaceId);
  authorize(membership, "export.run");
  const workspace = await prisma.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { name: true },
  });
  return { scope: { kind: "workspace", workspaceId }, title: workspace.name };
}

export async function exportAnnotations(
  actor: Actor,
  target: ExportTarget,
  query: ExportQuery,
  /** The public base URL (links back) and the query string asked (the collection's own id). */
  options: { baseUrl: string; search: string },
): Promise<ExportResult> {
  const { baseUrl } = options;
  const { scope, title } = await resolveExportScope(actor, target);
  const filename = exportFilename(title, query.format);
  const contentType = CONTENT_TYPES[query.format];

  if (query.format === "codebook") {
    const tags = await listTags(actor, scope.workspaceId, {
      documentId: scope.kind === "document" ? scope.documentId : undefined,
    });
    const body = formatCodebookCsv(tags);
    return { total: tags.length, filename, contentType, body: streamOf([body], async () => {}) };
  }

  const withReplies = includeReplies(query);
  // Everything else first: once the snapshot is open, nothing may fail before the stream owns it.
  const summary = await filterSummary(scope.workspaceId, query);
  const snapshot = await openExportSnapshot(actor, scope, query, { baseUrl, withReplies });
  const meta: ExportMeta = {
    title,
    scope: scope.kind,
    baseUrl,
    selfUrl: `${baseUrl}/api/v1/${scope.kind === "document" ? `documents/${scope.documentId}` : `workspaces/${scope.workspaceId}`}/export${options.search}`,
    total: snapshot.total,
    generatedAt: new Date().toISOString(),
    requester: { id: actor.userId, name: actor.name },
    filterSummary: summary,
    withReplies,
  };
  const chunks =
    query.format === "csv"
      ? formatCsv(meta, snapshot.annotations())
      : query.format === "jsonld"
        ? // A W3C collection's total counts every annotation in it, replies included.
          formatJsonLd({ ...meta, total: meta.total + snapshot.replies }, snapshot.annotations())
        : query.format === "md"
          ? formatMarkdownClipBook(meta, snapshot.clipBook())
          : formatDocxClipBook(meta, snapshot.clipBook());
  return { total: snapshot.total, filename, contentType, body: streamOf(chunks, snapshot.close) };
}

/** A response body pulled from the formatter one chunk at a time: nothing is read from the
 * database faster than the client takes it. A client that goes away closes the snapshot. */
function streamOf(
  chunks: AsyncIterable<ExportChunk> | Iterable<ExportChunk>,
  close: () => Promise<void>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator =
    Symbol.asyncIterator in chunks
      ? chunks[Symbol.asyncIterator]()
      : (chunks as Iterable<ExportChunk>)[Symbol.iterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await iterator.next();
          if (done) {
            await close();
            controller.close();
            return;
          }
          controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
        } catch (error) {
          await close();
          console.error("[glossa] an export failed while streaming", error);
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.(undefined);
        await close();
      },
    },
    { highWaterMark: 1 },
  );
}

/** How many annotations an export would hold, for the dialog's preview. */
export async function countExport(
  actor: Actor,
  target: ExportTarget,
  query: ExportQuery,
): Promise<{ total: number; filename: string; replies: boolean }> {
  const { scope, title } = await resolveExportScope(actor, target);
  const filename = exportFilename(title, query.format);
  if (query.format === "codebook") {
    const tags = await listTags(actor, scope.workspaceId, {
      documentId: scope.kind === "document" ? scope.documentId : undefined,
    });
    return { total: tags.length, filename, replies: false };
  }
  const total = await countExportRows(actor, scope, query);
  return { total, filename, replies: includeReplies(query) };
}

/** The HTTP reply: a download, never cached, never sniffed. */
export function exportResponse(result: ExportResult): Response {
  const ascii = result.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(result.body, {
    headers: {
      "content-type": result.contentType,
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(result.filename)}`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-glossa-export-total": String(result.total),
    },
  });
}
