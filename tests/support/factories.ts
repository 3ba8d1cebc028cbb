import { randomBytes } from "node:crypto";

import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { createDocument, type CreateDocumentArgs } from "@/lib/server/documents/create-document";
import { generateInviteCode } from "@/lib/server/invites/invite-code";
import type { Role } from "@/lib/server/permissions";
import { generateToken } from "@/lib/server/tokens/token-format";

// Test factories: they write through the same services and formats as the app and the seed.

export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  actor: Actor;
  /** A personal access token of this user, for `Authorization: Bearer`. */
  token: string;
  auth: { authorization: string };
}

export async function makeUser(
  overrides: { email?: string; name?: string; passwordHash?: string } = {},
): Promise<TestUser> {
  const user = await prisma.user.create({
    data: {
      email: overrides.email ?? `${unique("user")}@example.com`,
      name: overrides.name ?? unique("User"),
      passwordHash: overrides.passwordHash,
    },
  });
  const { token, tokenHash, prefix } = generateToken();
  await prisma.apiToken.create({ data: { userId: user.id, name: "tests", tokenHash, prefix } });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    actor: { userId: user.id, name: user.name, email: user.email, via: "token" },
    token,
    auth: { authorization: `Bearer ${token}` },
  };
}

export async function makeWorkspace(
  overrides: { name?: string; kind?: "team" | "class"; settings?: Record<string, unknown> } = {},
) {
  return prisma.workspace.create({
    data: {
      name: overrides.name ?? unique("Workspace"),
      kind: overrides.kind ?? "team",
      settings: (overrides.settings ?? {}) as object,
    },
  });
}

export async function addMember(workspaceId: string, userId: string, role: Role = "member") {
  return prisma.membership.create({ data: { workspaceId, userId, role } });
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

export async function makeInvite(
  workspaceId: string,
  overrides: {
    role?: Role;
    expiresAt?: Date;
    maxUses?: number | null;
    revokedAt?: Date | null;
  } = {},
) {
  const { code, codeHash } = generateInviteCode();
  const invite = await prisma.invite.create({
    data: {
      workspaceId,
      codeHash,
      role: overrides.role ?? "member",
      expiresAt: overrides.expiresAt ?? new Date(Date.now() + 86_400_000),
      maxUses: overrides.maxUses ?? null,
      revokedAt: overrides.revokedAt ?? null,
    },
  });
  return { ...invite, code };
}

/** A workspace with one user per role, an outsider, a spare member to act on, a document, and
 * an annotation on it written by `author` (a member). */
export async function makeTeam() {
  const workspace = await makeWorkspace();
  const [owner, moderator, member, outsider, spare, author] = await Promise.all([
    makeUser({ name: "Owner" }),
    makeUser({ name: "Moderator" }),
    makeUser({ name: "Member" }),
    makeUser({ name: "Outsider" }),
    makeUser({ name: "Spare" }),
    makeUser({ name: "Author" }),
  ]);
  await addMember(workspace.id, owner.id, "owner");
  await addMember(workspace.id, moderator.id, "moderator");
  await addMember(workspace.id, member.id, "member");
  await addMember(workspace.id, spare.id, "member");
  await addMember(workspace.id, author.id, "member");
  const document = await makeDocument(workspace.id);
  const annotation = await createAnnotation(author.actor, document.id, {
    target: { quote: { exact: "Second paragraph", prefix: "", suffix: "" } },
    tags: ["trial balloon"],
    visibility: "workspace",
  });
  const tag = await prisma.tag.findFirstOrThrow({ where: { workspaceId: workspace.id } });
  return {
    workspace,
    owner,
    moderator,
    member,
    outsider,
    spare,
    author,
    document,
    annotation,
    tag,
  };
}
export type Team = Awaited<ReturnType<typeof makeTeam>>;
