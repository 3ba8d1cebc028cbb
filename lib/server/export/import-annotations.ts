import "server-only";

import { randomBytes } from "node:crypto";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, Prisma } from "@/lib/server/db";
import { parseCommentBody, type CommentBody } from "@/lib/server/editor/comment-body";
import { AppError } from "@/lib/server/errors";
import { appendEvents } from "@/lib/server/events/append-event";
import { authorize } from "@/lib/server/permissions";
import { ensureTags } from "@/lib/server/tags/ensure-tags";
import { getMembershipOrThrow } from "@/lib/server/workspaces/access";
import { anchor, describeRange, type Anchor } from "@/lib/shared/anchoring";
import { commentFromImport } from "@/lib/shared/export/import/html-to-tiptap";
import { ImportFormatError, parseImport } from "@/lib/shared/export/import/parse-import";
import type { ImportedAnnotation, ImportedReply } from "@/lib/shared/export/import/types";
import type { ImportReport } from "@/lib/shared/export/types";

import { matchDocument, unmatchedReason, type MatchableDocument } from "./match-document";

// Brings annotations in from other tools: W3C Web Annotation JSON-LD (what Glossa's export
// writes, and what other W3C tools write) and Hypothesis JSON (its client's export file and its
// API's search results). Each annotation goes to the workspace document whose source URL (or
// Glossa address, or title) matches its target, and is anchored by its quote in the document's
// current text the way re-anchoring after an edit is: exact, fuzzy, or kept as an orphan. The
// importer becomes the author (the original name is kept as importedAuthor); nothing is anyone
// else's account. One transaction: a file that cannot be read changes nothing, and neither does
// a failure halfway. Importing the same file again adds nothing twice (importedId).

export const IMPORT_MAX_BYTES = 25 * 1024 * 1024;

export async function importAnnotations(
  actor: Actor,
  workspaceId: string,
  file: unknown,
  options: { visibility: "workspace" | "private" } = { visibility: "workspace" },
): Promise<ImportReport> {
  const membership = await getMembershipOrThrow(actor, workspaceId);
  authorize(membership, "annotations.create");
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

  // Comments are validated and rendered exactly as typed ones are, before anything is written.
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

  await prisma.$transaction(
    async (tx) => {
      const allTags = new Set<string>();
      for (const list of byDocument.values())
        for (const { item } of list) for (const tag of item.tags) allTags.add(tag);
      const tags = await ensureTags(tx, workspaceId, [...allTags]);
      const tagId = new Map(tags.map((tag) => [tag.name.toLocaleLowerCase("en"), tag.id]));
      const tagIdOf = (name: string) =>
        tagId.get(name.trim().replace(/\s+/g, " ").toLocaleLowerCase("en"));

      for (const [documentId, list] of byDocument) {
        const document = await tx.document.findUniqueOrThrow({
          where: { id: documentId },
          select: { title: true, currentRevision: { select: { id: true, text: true } } },
        });
        const revision = document.currentRevision!;
        const known = await alreadyHere(tx, documentId, list);
        const annotations: Prisma.AnnotationCreateManyInput[] = [];
        const links: Prisma.AnnotationTagCreateManyInput[] = [];
        const replies: Prisma.ReplyCreateManyInput[] = [];
        for (const { index, item } of list) {
          if (item.sourceId && known.has(item.sourceId)) {
            report.duplicates += 1;
            continue;
          }
          const body = comment(index, item);
          if (body === "refused") continue;
          const id = newId();
          const found = place(revision.text, item);
          const placed =
            found.state !== "orphaned" && found.start !== null && found.end !== null
              ? { start: found.start, end: found.end }
              : null;
          // An exact passage gets its context from the text, like one selected here; a fuzzy or
          // orphaned one keeps the words it was made on.
          const quote =
            placed && found.state === "exact"
              ? describeRange(revision.text, placed.start, placed.end).quote
              : item.quote;
          const created = validTime(item.created);
          annotations.push({
            id,
            documentId,
            authorId: actor.userId,
            visibility: options.visibility,
            revisionId: revision.id,
            quoteExact: quote.exact,
            quotePrefix: quote.prefix,
            quoteSuffix: quote.suffix,
            positionStart: placed?.start ?? item.position?.start ?? null,
            positionEnd: placed?.end ?? item.position?.end ?? null,
            anchorRevisionId: revision.id,
            anchorState: found.state,
            anchorScore: found.score,
            anchorStart: placed?.start ?? null,
            anchorEnd: placed?.end ?? null,
            ...(body
              ? {
                  body: body.json as Prisma.InputJsonValue,
                  bodyHtml: body.html,
                  bodyText: body.text,
                }
              : {}),
            importedAuthor: item.creatorName,
            importedFrom: parsed.format,
            importedId: item.sourceId,
            ...(created ? { createdAt: created } : {}),
            ...(validTime(item.modified) ? { updatedAt: validTime(item.modified)! } : {}),
          });
          for (const name of new Set(item.tags.map((tag) => tagIdOf(tag)).filter(Boolean)))
            links.push({ annotationId: id, tagId: name! });
          replies.push(...threadOf(index, id, item.replies, actor.userId, comment));
          report[found.state] += 1;
        }
        if (annotations.length === 0) continue;
        await tx.annotation.createMany({ data: annotations });
        if (links.length) await tx.annotationTag.createMany({ data: links });
        if (replies.length) await tx.reply.createMany({ data: replies });
        await appendEvents(
          tx,
          documentId,
          annotations.map((row) => ({
            type: "annotation.created" as const,
            subjectId: row.id!,
            actorId: actor.userId,
            audienceUserId: options.visibility === "private" ? actor.userId : null,
          })),
        );
        report.imported += annotations.length;
        report.replies += replies.length;
        report.documents.push({
          id: documentId,
          title: document.title,
          imported: annotations.length,
        });
      }
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return report;
}

/** A Glossa export of a document without a source URL points at the document in Glossa
 * (…/documents/{id}). When the importer can read that document, its own source URL and title
 * find the same article here (a class's copy, a new workspace). Membership-scoped: a document
 * the importer cannot read tells nothing. */
async function glossaSources(
  actor: Actor,
  annotations: ImportedAnnotation[],
): Promise<Map<string, { url: string | null; title: string | null }>> {
  const ids = new Map<string, string>();
  for (const { source } of annotations) {
    const id = source.url && /\/documents\/([A-Za-z0-9_-]{1,64})(?:[/?#]|$)/.exec(source.url)?.[1];
    if (id && source.url) ids.set(source.url, id);
  }
  if (ids.size === 0) return new Map();
  const documents = await prisma.document.findMany({
    where: {
      id: { in: [...new Set(ids.values())] },
      deletedAt: null,
      workspace: { memberships: { some: { userId: actor.userId } } },
    },
    select: { id: true, title: true, sourceUrl: true },
  });
  const byId = new Map(documents.map((document) => [document.id, document]));
  const found = new Map<string, { url: string | null; title: string | null }>();
  for (const [url, id] of ids) {
    const document = byId.get(id);
    if (document) found.set(url, { url: document.sourceUrl, title: document.title });
  }
  return found;
}

/** Source ids of this file already in the document: imported before, or (for a Glossa export
 * read back into the workspace it came from) the very annotations the file was written from. */
async function alreadyHere(
  tx: Prisma.TransactionClient,
  documentId: string,
  list: Array<{ item: ImportedAnnotation }>,
): Promise<Set<string>> {
  const ids = list.map(({ item }) => item.sourceId).filter((id): id is string => Boolean(id));
  if (ids.length === 0) return new Set();
  const ownId = (sourceId: string) => /#annotation-([A-Za-z0-9_-]{1,64})$/.exec(sourceId)?.[1];
  const own = new Map(ids.flatMap((id) => (ownId(id) ? [[ownId(id)!, id] as const] : [])));
  const rows = await tx.annotation.findMany({
    where: {
      documentId,
      deletedAt: null,
      OR: [{ importedId: { in: ids } }, { id: { in: [...own.keys()] } }],
    },
    select: { id: true, importedId: true },
  });
  return new Set(rows.map((row) => (row.importedId ?? own.get(row.id))!).filter(Boolean));
}

/** A thread's replies as rows, parents before children (a reply to an unknown reply answers the
 * annotation). */
function threadOf(
  index: number,
  annotationId: string,
  replies: ImportedReply[],
  authorId: string,
  comment: (
    index: number,
    source: { html: string | null; text: string | null },
  ) => CommentBody | null | "refused",
): Prisma.ReplyCreateManyInput[] {
  const ids = new Map<string, string>();
  const rows: Prisma.ReplyCreateManyInput[] = [];
  for (const reply of replies) {
    const body = comment(index, reply);
    if (!body || body === "refused") continue;
    const id = newId();
    if (reply.sourceId) ids.set(reply.sourceId, id);
    const created = validTime(reply.created);
    rows.push({
      id,
      annotationId,
      parentId: (reply.parentSourceId && ids.get(reply.parentSourceId)) || null,
      authorId,
      body: body.json as Prisma.InputJsonValue,
      bodyHtml: body.html,
      bodyText: body.text,
      importedAuthor: reply.creatorName,
      ...(created ? { createdAt: created } : {}),
    });
  }
  return rows;
}

/** Anchors an imported quote. Quotes taken from a web page's DOM (Hypothesis) carry its
 * whitespace: runs of tabs and newlines where Glossa's text has one space or a paragraph break
 * ("\n\n"). When the quote as written is not found exactly, it is tried again with its
 * whitespace written the way Glossa writes it, and the better anchor wins. */
function place(text: string, item: ImportedAnchorSource): Anchor {
  const first = anchor(text, { quote: item.quote, position: item.position });
  if (first.state === "exact" && first.score >= 0.99) return first;
  const squash = (value: string) =>
    value.replace(/\s+/g, (run) => (run.includes("\n") ? "\n\n" : " "));
  const quote = {
    exact: squash(item.quote.exact).trim(),
    prefix: squash(item.quote.prefix).trimStart(),
    suffix: squash(item.quote.suffix).trimEnd(),
  };
  if (!quote.exact) return first;
  const second = anchor(text, { quote, position: item.position });
  const rank = (found: Anchor) =>
    found.state === "orphaned" ? 0 : found.state === "fuzzy" ? 1 : 2;
  return rank(second) > rank(first) || (rank(second) === rank(first) && second.score > first.score)
    ? second
    : first;
}
type ImportedAnchorSource = Pick<ImportedAnnotation, "quote" | "position">;

/** A time from the file, if it is one and not in the future. */
function validTime(value: string | null): Date | null {
  if (!value) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) || time.getTime() > Date.now() + 60_000 ? null : time;
}

/** Ids shaped like the cuids Prisma gives out elsewhere: opaque, sortable enough, URL-safe. */
function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(9).toString("hex")}`;
}
