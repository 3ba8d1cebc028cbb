import "server-only";

import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import {
  decodeUtf8Upload,
  formatForFilename,
  IngestError,
} from "@/lib/shared/documents/decode-upload";

import { createDocument } from "./create-document";
import type { DocumentView } from "./present-document";

const STATUS_FOR = {
  unsupported_type: "unsupported_media_type",
  too_large: "payload_too_large",
  not_utf8: "unprocessable",
  binary: "unprocessable",
  empty: "unprocessable",
} as const;

export interface UploadArgs {
  workspaceId: string;
  filename: string;
  contentType?: string | null;
  bytes: Uint8Array;
  title?: string | null;
  createdById?: string | null;
}

/** Adds a document from an uploaded .txt, .md or .html file; refuses anything else clearly. */
export async function createDocumentFromUpload(args: UploadArgs): Promise<DocumentView> {
  let format, content;
  try {
    format = formatForFilename(args.filename, args.contentType);
    content = decodeUtf8Upload(args.bytes, env().GLOSSA_MAX_UPLOAD_BYTES);
  } catch (error) {
    if (error instanceof IngestError) {
      throw new AppError(STATUS_FOR[error.code], error.message, [
        { path: "file", message: error.message },
      ]);
    }
    throw error;
  }
  const fallbackTitle = args.filename
    .replace(/\.[^.]+$/, "")
    .replace(/[-_]+/g, " ")
    .trim();
  return createDocument({
    workspaceId: args.workspaceId,
    format,
    content,
    // An explicit title wins; then one found in the file; then the file's name.
    title: args.title?.trim() || (format === "text" ? fallbackTitle : null) || null,
    createdById: args.createdById,
  });
}
