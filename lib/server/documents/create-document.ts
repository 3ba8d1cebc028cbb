import "server-only";

import { prisma, type Tx } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import type { SourceFormat } from "@/lib/shared/documents/ingest";
import type { DocumentSource } from "@/lib/shared/schemas/document";
import { TITLE_MAX } from "@/lib/shared/schemas/document";

import { presentDocument, type DocumentView } from "./present-document";
import { revisionContent } from "./revision-content";

export interface CreateDocumentArgs {
  workspaceId: string;
  format: SourceFormat;
  content: string;
  title?: string | null;
  source?: DocumentSource | null;
  createdById?: string | null;
}

/** Adds a document with its first revision, made canonical from text, Markdown or HTML. */
export async function createDocument(args: CreateDocumentArgs, tx?: Tx): Promise<DocumentView> {
  const { canonical, data } = revisionContent(args.format, args.content);
  const title = pickTitle(args.title, canonical.title, canonical.text);
  const run = async (db: Tx) => {
    const workspace = await db.workspace.findUnique({
      where: { id: args.workspaceId },
      select: { id: true },
    });
    if (!workspace) throw new AppError("not_found", "Workspace not found");
    const document = await db.document.create({
      data: {
        workspaceId: args.workspaceId,
        title,
        sourceUrl: args.source?.url ?? null,
        sourceAuthor: args.source?.author ?? null,
        sourcePublisher: args.source?.publisher ?? null,
        sourcePublishedAt: args.source?.publishedAt ? new Date(args.source.publishedAt) : null,
        createdById: args.createdById ?? null,
      },
    });
    const revision = await db.revision.create({
      data: {
        documentId: document.id,
        number: 1,
        ...data,
        createdById: args.createdById ?? null,
      },
    });
    const updated = await db.document.update({
      where: { id: document.id },
      data: { currentRevisionId: revision.id },
    });
    return presentDocument(updated, revision);
  };
  return tx ? run(tx) : prisma.$transaction(run);
}

function pickTitle(
  given: string | null | undefined,
  detected: string | null,
  text: string,
): string {
  const candidate = given?.trim() || detected?.trim() || firstWords(text);
  return candidate.length > TITLE_MAX ? `${candidate.slice(0, TITLE_MAX - 1)}…` : candidate;
}

function firstWords(text: string): string {
  const firstBlock = text.split("\n\n")[0] ?? "";
  const words = firstBlock.split(/\s+/).slice(0, 10).join(" ");
  return words.length < firstBlock.length ? `${words}…` : words;
}
