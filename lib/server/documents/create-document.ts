import "server-only";

import { createHash } from "node:crypto";

import { prisma, type Tx } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { formatBytes } from "@/lib/shared/documents/decode-upload";
import { canonicalize, type SourceFormat } from "@/lib/shared/documents/ingest";
import type { DocumentSource } from "@/lib/shared/schemas/document";
import { TITLE_MAX } from "@/lib/shared/schemas/document";

import { presentDocument, type DocumentView } from "./present-document";

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
  // Every way in (API, form, upload) meets the same limit: parsing is the costly part.
  const limit = env().GLOSSA_MAX_UPLOAD_BYTES;
  const size = Buffer.byteLength(args.content, "utf8");
  if (size > limit) {
    throw new AppError(
      "payload_too_large",
      `The text is ${formatBytes(size)}; the limit is ${formatBytes(limit)}.`,
    );
  }
  const canonical = canonicalize(args.format, args.content);
  if (!canonical.text) {
    throw new AppError("unprocessable", "The document has no readable text", [
      { path: args.format, message: "is empty once reduced to text" },
    ]);
  }
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
        text: canonical.text,
        blocks: canonical.blocks,
        contentHash: sha256(canonical.text),
        wordCount: countWords(canonical.text),
        excerpt: makeExcerpt(canonical.text),
        format: args.format,
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

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

export function makeExcerpt(text: string, max = 280): string {
  const firstBlock = (text.split("\n\n")[0] ?? "").trim();
  if (firstBlock.length <= max) return firstBlock;
  const cut = firstBlock.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${cut.slice(0, space > max * 0.6 ? space : max)}…`;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
