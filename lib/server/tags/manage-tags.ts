import "server-only";

import type { z } from "zod";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma, Prisma, type Tx } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";
import { authorize, can, type MembershipContext } from "@/lib/server/permissions";
import { getMembershipOrThrow } from "@/lib/server/workspaces/access";
import {
  normalizeTagName,
  nextTagColor,
  type createTagSchema,
  type updateTagSchema,
} from "@/lib/shared/schemas/annotation";

// The workspace's tag vocabulary. Everyone tags; owners and moderators rename, recolour,
// describe, merge and delete. Usage counts only count annotations the asker can see, so a
// private annotation's tags do not leak through the numbers.

export interface TagView {
  id: string;
  name: string;
  color: string;
  description: string;
  count: number;
  abilities: { manage: boolean };
}

/** The vocabulary with usage counts, across the workspace or within one of its documents. */
export async function listTags(
  actor: Actor,
  workspaceId: string,
  options: { documentId?: string } = {},
): Promise<TagView[]> {
  const membership = await getMembershipOrThrow(actor, workspaceId);
  const tags = await prisma.tag.findMany({
    where: { workspaceId },
    orderBy: { normalizedName: "asc" },
  });
  const [counts, hidden] = await Promise.all([
    visibleUses(actor, workspaceId, { documentId: options.documentId }),
    privatelyUsedOnly(actor, workspaceId),
  ]);
  return tags
    .filter((tag) => !hidden.has(tag.id))
    .map((tag) => present(tag, counts.get(tag.id) ?? 0, membership));
}

/** Tags whose every use is on someone else's private annotation: their very names are private
 * (a tag typed on a private highlight joins the vocabulary), so the vocabulary leaves them out
 * for everyone but those authors. */
async function privatelyUsedOnly(actor: Actor, workspaceId: string): Promise<Set<string>> {
  const rows = await prisma.$queryRaw<Array<{ tagId: string }>>`
    SELECT at."tagId"
    FROM "AnnotationTag" at
    JOIN "Annotation" a ON a.id = at."annotationId"
    JOIN "Document" d ON d.id = a."documentId"
    WHERE d."workspaceId" = ${workspaceId} AND a."deletedAt" IS NULL AND d."deletedAt" IS NULL
    GROUP BY at."tagId"
    HAVING bool_and(a.visibility = 'private' AND a."authorId" <> ${actor.userId})`;
  return new Set(rows.map((row) => row.tagId));
}

/** How many annotations the actor can see use each tag (or only `tagId`), in the workspace or
 * in one document. */
async function visibleUses(
  actor: Actor,
  workspaceId: string,
  { tagId, documentId }: { tagId?: string; documentId?: string } = {},
): Promise<Map<string, number>> {
  const rows = await prisma.$queryRaw<Array<{ tagId: string; count: bigint }>>`
    SELECT at."tagId", count(*) AS count
    FROM "AnnotationTag" at
    JOIN "Annotation" a ON a.id = at."annotationId"
    JOIN "Document" d ON d.id = a."documentId"
    WHERE d."workspaceId" = ${workspaceId} AND a."deletedAt" IS NULL AND d."deletedAt" IS NULL
      AND (a.visibility = 'workspace' OR a."authorId" = ${actor.userId})
      AND (${tagId ?? null}::text IS NULL OR at."tagId" = ${tagId ?? null})
      AND (${documentId ?? null}::text IS NULL OR a."documentId" = ${documentId ?? null})
    GROUP BY at."tagId"`;
  return new Map(rows.map((row) => [row.tagId, Number(row.count)]));
}

export async function createTag(
  actor: Actor,
  workspaceId: string,
  input: z.infer<typeof createTagSchema>,
): Promise<TagView> {
  const membership = await getMembershipOrThrow(actor, workspaceId);
  authorize(membership, "tags.create");
  const count = await prisma.tag.count({ where: { workspaceId } });
  const tag = await uniqueName(() =>
    prisma.tag.create({
      data: {
        workspaceId,
        name: input.name,
        normalizedName: normalizeTagName(input.name),
        color: input.color ?? nextTagColor(count),
        description: input.description ?? "",
      },
    }),
  );
  return present(tag, 0, membership);
}

export async function updateTag(
  actor: Actor,
  tagId: string,
  input: z.infer<typeof updateTagSchema>,
): Promise<TagView> {
  const { membership } = await getTagOrThrow(actor, tagId);
  authorize(membership, "tags.manage");
  const tag = await uniqueName(() =>
    prisma.tag.update({
      where: { id: tagId },
      data: {
        name: input.name,
        normalizedName: input.name === undefined ? undefined : normalizeTagName(input.name),
        color: input.color,
        description: input.description,
      },
    }),
  );
  return (
    (await listTags(actor, tag.workspaceId)).find((item) => item.id === tagId) ??
    present(tag, 0, membership)
  );
}

export async function deleteTag(actor: Actor, tagId: string): Promise<void> {
  const { membership } = await getTagOrThrow(actor, tagId);
  authorize(membership, "tags.manage");
  await prisma.tag.delete({ where: { id: tagId } }); // its AnnotationTag rows cascade
}

/** Moves every use of a tag onto another tag of the same workspace, then deletes it. */
export async function mergeTag(actor: Actor, tagId: string, intoId: string): Promise<TagView> {
  const { membership, tag } = await getTagOrThrow(actor, tagId);
  authorize(membership, "tags.manage");
  if (intoId === tagId) throw new AppError("unprocessable", "A tag cannot be merged into itself");
  const into = await prisma.$transaction(async (tx: Tx) => {
    const into = await tx.tag.findFirst({ where: { id: intoId, workspaceId: tag.workspaceId } });
    if (!into) throw notFound("Tag to merge into not found");
    await tx.$executeRaw`
      INSERT INTO "AnnotationTag" ("annotationId", "tagId", "createdAt")
      SELECT "annotationId", ${intoId}, "createdAt" FROM "AnnotationTag" WHERE "tagId" = ${tagId}
      ON CONFLICT DO NOTHING`;
    await tx.tag.delete({ where: { id: tagId } });
    return into;
  });
  return present(
    into,
    (await visibleUses(actor, tag.workspaceId, { tagId: intoId })).get(intoId) ?? 0,
    membership,
  );
}

async function getTagOrThrow(actor: Actor, tagId: string) {
  const tag = await prisma.tag.findFirst({
    where: { id: tagId, workspace: { memberships: { some: { userId: actor.userId } } } },
  });
  if (!tag) throw notFound("Tag not found");
  return { tag, membership: await getMembershipOrThrow(actor, tag.workspaceId) };
}

async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "This workspace already has a tag with that name", [
        { path: "name", message: "is taken" },
      ]);
    }
    throw error;
  }
}

function present(
  tag: { id: string; name: string; color: string; description: string },
  count: number,
  membership: MembershipContext,
): TagView {
  return {
    id: tag.id,
    name: tag.name,
    color: tag.color,
    description: tag.description,
    count,
    abilities: { manage: can(membership, "tags.manage") },
  };
}
