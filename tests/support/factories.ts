import { randomBytes } from "node:crypto";

import { prisma } from "@/lib/server/db";
import { createDocument, type CreateDocumentArgs } from "@/lib/server/documents/create-document";

// Test factories: they go through the same services as the app and the seed.

export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export async function makeWorkspace(overrides: { name?: string; kind?: "team" | "class" } = {}) {
  return prisma.workspace.create({
    data: { name: overrides.name ?? unique("Workspace"), kind: overrides.kind ?? "team" },
  });
}

export async function makeUser(overrides: { email?: string; name?: string } = {}) {
  return prisma.user.create({
    data: {
      email: overrides.email ?? `${unique("user")}@example.com`,
      name: overrides.name ?? unique("User"),
    },
  });
}

export async function makeDocument(
  workspaceId: string,
  overrides: Partial<Omit<CreateDocumentArgs, "workspaceId">> = {},
) {
  return createDocument({
    workspaceId,
    format: overrides.format ?? "text",
    content:
      overrides.content ?? "First paragraph of the article.\nSecond paragraph, with more words.",
    title: overrides.title ?? unique("Document"),
    source: overrides.source,
  });
}
