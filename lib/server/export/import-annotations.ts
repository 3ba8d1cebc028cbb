import "server-only";

import { setImmediate as yieldToEventLoop } from "node:timers/promises";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, Prisma } from "@/lib/server/db";
import { parseCommentBody, type CommentBody } from "@/lib/server/editor/comment-body";
import { AppError } from "@/lib/server/errors";
import { appendEvents } from "@/lib/server/events/append-event";
import { authorize } from "@/lib/server/permissions";
import { ensureTags } from "@/lib/server/tags/ensure-tags";
import { getMembershipOrThrow } from "@/lib/server/workspaces/access";
import { describeRange } from "@/lib/shared/anchoring";
import { commentFromImport } from "@/lib/shared/export/import/html-to-tiptap";
import { ImportFormatError, parseImport } from "@/lib/shared/export/import/parse-import";
import type { ImportedAnnotation } from "@/lib/shared/export/import/types";
import type { ImportReport } from "@/lib/shared/export/types";
import { normalizeTagName } from "@/lib/shared/schemas/annotation";

import { alreadyHere, fileTime, glossaSources, newId } from "./import-sources";
import { matchDocument, unmatchedReason, type MatchableDocument } from "./match-document";
import { FUZZY_BUDGET, placeImported } from "./place-imported";

// Brings annotations in from other tools: W3C Web Annotation JSON-LD (what Glossa's export
// writes, and what other W3C tools write) and Hypothesis JSON (its client's export file and its
// API's search results). Each annotation goes to the workspace document whose source URL (or
// Glossa address, or title) matches its target, and is anchored by its quote in the document's
// current text the way re-anchoring after an edit is: exact, fuzzy, or kept as an orphan. The
// importer becomes the author (the original name is kept as importedAuthor); nothing is anyone
// else's account.
//
// Two phases. First, outside any transaction, everything is prepared: comments validated and
// rendered like typed ones, quotes anchored (within a work budget, yielding to the event loop
// as it goes, see place-imported.ts). Then one short transaction writes it all, with each
// document's row locked and its revision checked to be the one anchored against (a revision
// made meanwhile is a 409: import again). A file that cannot be read changes nothing; neither
// does a failure halfway. Importing the same file again adds nothing twice (importedId).

export { IMPORT_MAX_BYTES } from "@/lib/shared/export/import/limits";

/** Reading the body waits until the importer is known to belong to the workspace. */
export async function importAnnotations(
  actor: Actor,
  workspaceId: string,
  readFile: () => Promise<unknown>,
  options: { visibility: "workspace" | "private" } = { visibility: "workspace" },
): Promise<ImportReport> {
  const membership = await getMembershipOrThrow(actor, workspaceId);
  authorize(membership, "annotations.create");
  const file = await readFile();
  let parsed;
  try {
    parsed = parseImport(file);
  } catch (error) {
    if (error instanceof ImportFormatError) throw new AppError("unprocessable", error.message);
    throw error;
  }
  const report: ImportReport = {
    format: parsed.format,
    imported: 0,
    exact: 0,
    fuzzy: 0,
    orphaned: 0,
    replies: 0,
    duplicates: 0,
    documents: [],
    unmatched: [],
    skipped: [...parsed.skipped],
  };

  // Where each annotation goes.
  const candidates: MatchableDocument[] = await prisma.document.findMany({
    where: { workspaceId, deletedAt: null, currentRevisionId: { not: null } },
    select: { id: true, title: true, sourceUrl: true },
  });
  const elsewhere = await glossaSources(actor, parsed.annotations);
  const byDocument = new Map<string, Array<{ index: number; item: ImportedAnnotation }>>();
  const unmatched = new Map<string, { count: number; reason: string }>();
  parsed.annotations.forEach((item, index) => {
    const origin = item.source.url ? elsewhere.get(item.source.url) : undefined;
    const document =
      matchDocument(candidates, item.source) ?? (origin && matchDocument(candidates, origin));
    if (!document) {
      const source = item.source.url ?? item.source.title ?? "(no address)";
      const entry = unmatched.get(source) ?? {
        count: 0,
        reason: unmatchedReason(candidates, origin ?? item.source),
      };
      entry.count += 1;
      unmatched.set(source, entry);
      return;
    }
    const list = byDocument.get(document.id) ?? [];
    list.push({ index, item });
    byDocument.set(document.id, list);
  });
  report.unmatched = [...unmatched].map(([source, entry]) => ({ source, ...entry }));

  // Comments are validated and rendered exactly as typed ones are.
  const comment = (
    index: number,
    source: { html: string | null; text: string | null },
  ): CommentBody | null | "refused" => {
    const json = commentFromImport(source);
    if (!json) return null;
    try {
      return parseCommentBody(json);
    } catch (error) {
      const reason = error instanceof AppError ? error.message : "it could not be read";
      report.skipped.push({ index, reason: `its comment was refused: ${reason}` });
      return "refused";
    }
  };

  // Phase 1: prepare every row, outside the transaction.
  const budget = { left: FUZZY_BUDGET };
  const prepared: PreparedDocument[] = [];
  let lastYield = performance.now();
  for (const [documentId, list] of byDocument) {
    const document = await prisma.document.findUniqueOrThrow({
      where: { id: documentId },
      select: { title: true, currentRevision: { select: { id: true, text: true } } },
    });
    const revision = document.currentRevision!;
    const rows: PreparedDocument["rows"] = [];
    for (const { index, item } of list) {
      const body = comment(index, item);
      if (body === "refused") continue;
      const found = placeImported(revision.text, item, budget);
      const placed =
        found.state !== "orphaned" && found.start !== null && found.end !== null
          ? { start: found.start, end: found.end }
          : null;
      // An exact passage gets its context from the text, like one selected here; a fuzzy or
      // orphaned one keeps the words it was made on (and no position: the file's is another
      // text's).
      const quote =
        placed && found.state === "exact"
          ? describeRange(revision.text, placed.start, placed.end).quote
          : item.quote;
      const id = newId();
      const createdAt = fileTime(item.created) ?? new Date();
      rows.push({
        sourceId: item.sourceId,
        state: found.state,
        tags: item.tags,
        annotation: {
          id,
          documentId,
          authorId: actor.userId,
          visibility: options.visibility,
          revisionId: revision.id,
          quoteExact: quote.exact,
          quotePrefix: quote.prefix,
          quoteSuffix: quote.suffix,
          positionStart: placed?.start ?? null,
          positionEnd: placed?.end ?? null,
          anchorRevisionId: revision.id,
          anchorState: found.state,
          anchorScore: found.score,
          anchorStart: placed?.start ?? null,
          anchorEnd: placed?.end ?? null,
          ...(body
            ? { body: body.json as Prisma.InputJsonValue, bodyHtml: body.html, bodyText: body.text }
            : {}),
          importedAuthor: item.creatorName,
          importedFrom: parsed.format,
          importedId: item.sourceId,
          createdAt,
          updatedAt: fileTime(item.modified, createdAt) ?? createdAt,
        },
        replies: replyRows(index, id, createdAt, item, actor.userId, comment),
      });
      if (performance.now() - lastYield > 20) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    prepared.push({ documentId, title: document.title, revisionId: revision.id, rows });
  }

  // Phase 2: write, in one short transaction.
  await prisma.$transaction(
    async (tx) => {
      const written: PreparedDocument["rows"] = [];
      const counts = new Map<string, number>();
      for (const document of prepared) {
        const [locked] = await tx.$queryRaw<Array<{ currentRevisionId: string | null }>>`
          SELECT "currentRevisionId" FROM "Document" WHERE id = ${document.documentId} FOR UPDATE`;
        if (locked?.currentRevisionId !== document.revisionId)
          throw new AppError(
            "conflict",
            `“${document.title}” was revised while the file was being imported; import it again`,
          );
        const known = await alreadyHere(
          tx,
          actor,
          document.documentId,
          document.rows.flatMap((row) => (row.sourceId ? [row.sourceId] : [])),
        );
        for (const row of document.rows) {
          // Already here, or the same id twice in this file.
          if (row.sourceId && known.has(row.sourceId)) {
            report.duplicates += 1;
            continue;
          }
          if (row.sourceId) known.add(row.sourceId);
          written.push(row);
          counts.set(document.documentId, (counts.get(document.documentId) ?? 0) + 1);
        }
      }
      // Tags of the annotations actually written, and only those, join the vocabulary.
      const tags = await ensureTags(
        tx,
        workspaceId,
        written.flatMap((row) => row.tags),
      );
      const tagId = new Map(tags.map((tag) => [normalizeTagName(tag.name), tag.id]));
      const links = written.flatMap((row) =>
        [...new Set(row.tags.map((name) => tagId.get(normalizeTagName(name))))]
          .filter((id): id is string => Boolean(id))
          .map((tagId) => ({ annotationId: row.annotation.id!, tagId })),
      );
      if (written.length)
        await tx.annotation.createMany({ data: written.map((row) => row.annotation) });
      if (links.length) await tx.annotationTag.createMany({ data: links });
      const replies = written.flatMap((row) => row.replies);
      if (replies.length) await tx.reply.createMany({ data: replies });
      for (const document of prepared) {
        const rows = written.filter((row) => row.annotation.documentId === document.documentId);
        if (rows.length === 0) continue;
        // Readers see the new highlights appear; reply counts come with them.
        await appendEvents(
          tx,
          document.documentId,
          rows.map((row) => ({
            type: "annotation.created" as const,
            subjectId: row.annotation.id!,
            actorId: actor.userId,
            audienceUserId: options.visibility === "private" ? actor.userId : null,
          })),
        );
        report.documents.push({
          id: document.documentId,
          title: document.title,
          imported: rows.length,
        });
      }
      for (const row of written) report[row.state] += 1;
      report.imported = written.length;
      report.replies = replies.length;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return report;
}

interface PreparedDocument {
  documentId: string;
  title: string;
  revisionId: string;
  rows: Array<{
    sourceId: string | null;
    state: "exact" | "fuzzy" | "orphaned";
    tags: string[];
    annotation: Prisma.AnnotationCreateManyInput;
    replies: Prisma.ReplyCreateManyInput[];
  }>;
}

/** A thread's replies as rows, parents before children (a reply to an unknown reply answers the
 * annotation); none dated before what it answers. */
function replyRows(
  index: number,
  annotationId: string,
  annotationCreated: Date,
  item: ImportedAnnotation,
  authorId: string,
  comment: (
    index: number,
    source: { html: string | null; text: string | null },
  ) => CommentBody | null | "refused",
): Prisma.ReplyCreateManyInput[] {
  const ids = new Map<string, { id: string; createdAt: Date }>();
  const rows: Prisma.ReplyCreateManyInput[] = [];
  for (const reply of item.replies) {
    const body = comment(index, reply);
    if (!body || body === "refused") continue;
    const id = newId();
    const parent = reply.parentSourceId ? ids.get(reply.parentSourceId) : undefined;
    const createdAt =
      fileTime(reply.created, parent?.createdAt ?? annotationCreated) ??
      new Date(Math.max(Date.now(), (parent?.createdAt ?? annotationCreated).getTime()));
    if (reply.sourceId) ids.set(reply.sourceId, { id, createdAt });
    rows.push({
      id,
      annotationId,
      parentId: parent?.id ?? null,
      authorId,
      body: body.json as Prisma.InputJsonValue,
      bodyHtml: body.html,
      bodyText: body.text,
      importedAuthor: reply.creatorName,
      createdAt,
    });
  }
  return rows;
}
