import "server-only";

import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { mediaType, readBodyBytes, readJson } from "@/lib/server/http/api-route";
import { contentOf, createDocumentSchema } from "@/lib/shared/schemas/document";

import type { Actor } from "@/lib/server/auth/actor";

import { assertMayAddDocument } from "./add-document";
import { createDocument } from "./create-document";
import { createDocumentFromUpload } from "./create-document-from-upload";
import type { DocumentView } from "./present-document";

// POST /api/v1/workspaces/{id}/documents takes JSON ({title, text | markdown | html, source})
// or multipart/form-data with a `file` (.txt, .md, .html) and an optional `title`.
export async function createDocumentFromRequest(
  request: Request,
  actor: Actor,
  workspaceId: string,
): Promise<DocumentView> {
  await assertMayAddDocument(actor, workspaceId);
  const limit = env().GLOSSA_MAX_UPLOAD_BYTES;
  const type = mediaType(request);
  if (type === "application/json") {
    const input = await readJson(request, createDocumentSchema, limit + 64 * 1024);
    const { format, content } = contentOf(input);
    return createDocument({
      createdById: actor.userId,
      workspaceId,
      format,
      content,
      title: input.title,
      source: input.source,
    });
  }
  if (type === "multipart/form-data") {
    const bytes = await readBodyBytes(request, limit + 64 * 1024);
    const form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: request.headers })
      .formData()
      .catch(() => {
        throw new AppError("bad_request", "The multipart body could not be read");
      });
    const file = form.get("file");
    if (!(file instanceof File)) {
      throw new AppError("unprocessable", "Attach the document as the form field `file`", [
        { path: "file", message: "is required" },
      ]);
    }
    const title = form.get("title");
    return createDocumentFromUpload({
      createdById: actor.userId,
      workspaceId,
      filename: file.name,
      contentType: file.type,
      bytes: new Uint8Array(await file.arrayBuffer()),
      title: typeof title === "string" ? title : null,
    });
  }
  throw new AppError("unsupported_media_type", "Send application/json or multipart/form-data");
}
