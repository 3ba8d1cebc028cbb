import "server-only";

import { randomBytes } from "node:crypto";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, type Tx } from "@/lib/server/db";
import { visibleAnnotationsWhere } from "@/lib/server/permissions";
import type { ImportedAnnotation } from "@/lib/shared/export/import/types";

import { glossaDocumentId } from "./match-document";

// Helpers of import-annotations.ts: what a file's annotations point at, what is already here,
// and the times and ids the new rows get.

/** A Glossa export of a document without a source URL points at the document in Glossa
 * (…/documents/{id}). When the importer can read that document, its own source URL and title
 * find the same article here (a class's copy, a new workspace). Membership-scoped: a document
 * the importer cannot read tells nothing. */
export async function glossaSources(
  actor: Actor,
  annotations: ImportedAnnotation[],
): Promise<Map<string, { url: string | null; title: string | null }>> {
  const ids = new Map<string, string>();
  for (const { source } of annotations) {
    const id = glossaDocumentId(source.url);
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

/** Source ids of this file already in the document, among what the importer can see: imported
 * before, or (for a Glossa export read back into the workspace it came from) the very
 * annotations the file was written from. Others' private annotations neither block an import
 * nor reveal that they exist. */
export async function alreadyHere(
  tx: Tx,
  actor: Actor,
  documentId: string,
  sourceIds: string[],
): Promise<Set<string>> {
  if (sourceIds.length === 0) return new Set();
  const ownId = (sourceId: string) => /#annotation-([A-Za-z0-9_-]{1,64})$/.exec(sourceId)?.[1];
  const own = new Map(sourceIds.flatMap((id) => (ownId(id) ? [[ownId(id)!, id] as const] : [])));
  const rows = await tx.annotation.findMany({
    where: {
      documentId,
      deletedAt: null,
      AND: [
        visibleAnnotationsWhere(actor.userId),
        { OR: [{ importedId: { in: sourceIds } }, { id: { in: [...own.keys()] } }] },
      ],
    },
    select: { id: true, importedId: true },
  });
  return new Set(rows.map((row) => (row.importedId ?? own.get(row.id))!).filter(Boolean));
}

const EARLIEST = Date.UTC(1990, 0, 1);

/** A time from the file, when it is one between 1990 and now (a minute of clock skew allowed);
 * else null, and the import's own time is used. Stored times stay plausible for date filters
 * and the database's range. */
export function fileTime(value: string | null, notBefore?: Date | null): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time) || time < EARLIEST || time > Date.now() + 60_000) return null;
  return notBefore && time < notBefore.getTime() ? notBefore : new Date(time);
}

/** Ids shaped like the cuids Prisma gives out elsewhere: opaque, sortable enough, URL-safe. */
export function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(9).toString("hex")}`;
}
