"use server";

import { redirect } from "next/navigation";

import { createDocument } from "@/lib/server/documents/create-document";
import { createDocumentFromUpload } from "@/lib/server/documents/create-document-from-upload";
import { failureOf, parseForm, type ActionFailure } from "@/lib/server/http/action";
import { idSchema } from "@/lib/shared/schemas/common";
import { pasteFormSchema } from "@/lib/shared/schemas/document";

export type AddDocumentState = { ok: true } | ActionFailure;

// Adds a document from pasted text or an uploaded file, then opens it in the reader.
export async function addDocumentAction(
  workspaceId: string,
  _previous: AddDocumentState,
  form: FormData,
): Promise<AddDocumentState> {
  const workspace = idSchema.safeParse(workspaceId);
  if (!workspace.success) return { ok: false, code: "not_found", message: "Workspace not found" };
  let documentId: string;
  try {
    if (form.get("mode") === "upload") {
      const file = form.get("file");
      if (!(file instanceof File) || (file.size === 0 && !file.name)) {
        return {
          ok: false,
          code: "unprocessable",
          message: "Choose a file to upload",
          details: [{ path: "file", message: "Choose a file to upload" }],
        };
      }
      const title = form.get("title");
      documentId = (
        await createDocumentFromUpload({
          workspaceId: workspace.data,
          filename: file.name,
          contentType: file.type,
          bytes: new Uint8Array(await file.arrayBuffer()),
          title: typeof title === "string" ? title : null,
        })
      ).id;
    } else {
      const parsed = parseForm(pasteFormSchema, Object.fromEntries(form));
      if (!parsed.ok) return parsed;
      documentId = (
        await createDocument({
          workspaceId: workspace.data,
          format: parsed.data.format,
          content: parsed.data.content,
          title: parsed.data.title,
          source: parsed.data.sourceUrl ? { url: parsed.data.sourceUrl } : null,
        })
      ).id;
    }
  } catch (error) {
    return failureOf(error);
  }
  redirect(`/documents/${documentId}`);
}
