import "server-only";

import { createHash } from "node:crypto";

import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { formatBytes } from "@/lib/shared/documents/decode-upload";
import { canonicalize, type CanonicalText, type SourceFormat } from "@/lib/shared/documents/ingest";

/** What a new revision stores, made from text, Markdown or HTML: the one path for a first
 * revision (createDocument) and every later one (reviseDocument). Every way in (API, form,
 * upload) meets the same size limit before parsing, which is the costly part. */
export function revisionContent(
  format: SourceFormat,
  content: string,
): { canonical: CanonicalText; data: RevisionContent } {
  const limit = env().GLOSSA_MAX_UPLOAD_BYTES;
  const size = Buffer.byteLength(content, "utf8");
  if (size > limit) {
    throw new AppError(
      "payload_too_large",
      `The text is ${formatBytes(size)}; the limit is ${formatBytes(limit)}.`,
    );
  }
  const canonical = canonicalize(format, content);
  if (!canonical.text) {
    throw new AppError("unprocessable", "The document has no readable text", [
      { path: format, message: "is empty once reduced to text" },
    ]);
  }
  return {
    canonical,
    data: {
      text: canonical.text,
      blocks: canonical.blocks,
      contentHash: createHash("sha256").update(canonical.text).digest("hex"),
      wordCount: countWords(canonical.text),
      excerpt: makeExcerpt(canonical.text),
      format,
    },
  };
}

export interface RevisionContent {
  text: string;
  blocks: CanonicalText["blocks"];
  contentHash: string;
  wordCount: number;
  excerpt: string;
  format: SourceFormat;
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
