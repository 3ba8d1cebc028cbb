"use server";

import { redirect } from "next/navigation";

import { addDocument, addUploadedDocument } from "@/lib/server/documents/add-document";
import { AppError } from "@/lib/server/errors";
import { parseForm, runAction, type ActionFailure } from "@/lib/server/http/action";
import { idSchema } from "@/lib/shared/schemas/common";
import { pasteFormSchema } from "@/lib/shared/schemas/document";

// Adds a document from pasted text or an uploaded file, then opens it in the reader.
export async function addDocumentAction(
  workspaceId: string,
  _previous: unknown,
  form: FormData,
): Promise<ActionFailure | null> {
  const result = await runAction("addDocumentAction", async (actor) => {
    const id = parseForm(idSchema, workspaceId);
    if (form.get("mode") === "upload") {
      const file = form.get("file");
      if (!(file instanceof File) || (file.size === 0 && !file.name)) {
        throw new AppError("unprocessable", "Choose a file to upload", [
          { path: "file", message: "Choose a file to upload" },
        ]);
      }
      const title = form.get("title");
      return addUploadedDocument(actor, {
        workspaceId: id,
        filename: file.name,
        contentType: file.type,
        bytes: new Uint8Array(await file.arrayBuffer()),
        title: typeof title === "string" ? title : null,
      });
    }
    const input = parseForm(pasteFormSchema, Object.fromEntries(form));
    return addDocument(actor, {
      workspaceId: id,
      format: input.format,
      content: input.content,
      title: input.title,
      source: input.sourceUrl ? { url: input.sourceUrl } : null,
    });
  });
  if (result.ok) redirect(`/documents/${result.data.id}`);
  return result;
}
