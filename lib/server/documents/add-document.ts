import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { authorize } from "@/lib/server/permissions";
import { getMembershipOrThrow } from "@/lib/server/workspaces/access";

import { createDocument, type CreateDocumentArgs } from "./create-document";
import { createDocumentFromUpload, type UploadArgs } from "./create-document-from-upload";
import type { DocumentView } from "./present-document";

// The entry points' way to add a document: membership and `documents.create` first, then the
// text (so that an outsider learns nothing from validation errors).

export async function assertMayAddDocument(actor: Actor, workspaceId: string): Promise<void> {
  authorize(await getMembershipOrThrow(actor, workspaceId), "documents.create");
}

export async function addDocument(
  actor: Actor,
  args: Omit<CreateDocumentArgs, "createdById">,
): Promise<DocumentView> {
  await assertMayAddDocument(actor, args.workspaceId);
  return createDocument({ ...args, createdById: actor.userId });
}

export async function addUploadedDocument(
  actor: Actor,
  args: Omit<UploadArgs, "createdById">,
): Promise<DocumentView> {
  await assertMayAddDocument(actor, args.workspaceId);
  return createDocumentFromUpload({ ...args, createdById: actor.userId });
}
