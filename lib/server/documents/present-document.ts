import "server-only";

import { z } from "zod";

import { blockSchema, type Block } from "@/lib/shared/documents/ingest";

// The API's shapes for a document (docs/api.md). Pages use the same shapes.

interface DocumentRow {
  id: string;
  workspaceId: string;
  title: string;
  sourceUrl: string | null;
  sourceAuthor: string | null;
  sourcePublisher: string | null;
  sourcePublishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

interface RevisionRow {
  id: string;
  number: number;
  text: string;
  blocks: unknown;
  wordCount: number;
  createdAt: Date;
}

export interface DocumentSourceView {
  url: string | null;
  author: string | null;
  publisher: string | null;
  publishedAt: string | null;
}

export interface DocumentView {
  id: string;
  workspaceId: string;
  title: string;
  source: DocumentSourceView;
  revisionId: string;
  revisionNumber: number;
  text: string;
  blocks: Block[];
  wordCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentSummaryView extends Omit<DocumentView, "text" | "blocks"> {
  excerpt: string;
}

const blocksSchema = z.array(blockSchema);

export function presentSource(document: DocumentRow): DocumentSourceView {
  return {
    url: document.sourceUrl,
    author: document.sourceAuthor,
    publisher: document.sourcePublisher,
    publishedAt: document.sourcePublishedAt?.toISOString() ?? null,
  };
}

export function presentDocument(document: DocumentRow, revision: RevisionRow): DocumentView {
  return {
    id: document.id,
    workspaceId: document.workspaceId,
    title: document.title,
    source: presentSource(document),
    revisionId: revision.id,
    revisionNumber: revision.number,
    text: revision.text,
    blocks: blocksSchema.parse(revision.blocks),
    wordCount: revision.wordCount,
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
  };
}

export function presentDocumentSummary(
  document: DocumentRow,
  revision: Pick<RevisionRow, "id" | "number" | "wordCount"> & { excerpt: string },
): DocumentSummaryView {
  return {
    id: document.id,
    workspaceId: document.workspaceId,
    title: document.title,
    source: presentSource(document),
    revisionId: revision.id,
    revisionNumber: revision.number,
    excerpt: revision.excerpt,
    wordCount: revision.wordCount,
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
  };
}
