import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { authorize } from "@/lib/server/permissions";
import { getDocumentMembershipOrThrow } from "@/lib/server/workspaces/access";

/** The document's last event number (as a string: it is a bigint), where a page's live
 * events start. */
export async function documentEventSeq(actor: Actor, documentId: string): Promise<string> {
  const membership = await getDocumentMembershipOrThrow(actor, documentId);
  authorize(membership, "documents.read");
  const row = await prisma.document.findUniqueOrThrow({
    where: { id: documentId },
    select: { eventSeq: true },
  });
  return row.eventSeq.toString();
}
