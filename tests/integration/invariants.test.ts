import { describe, expect, it } from "vitest";

import { prisma } from "@/lib/server/db";

import { makeDocument, makeWorkspace } from "../support/factories";

describe("database invariants", () => {
  it("never changes a revision's text: a new text is a new revision", async () => {
    const workspace = await makeWorkspace();
    const document = await makeDocument(workspace.id);
    await expect(
      prisma.revision.update({ where: { id: document.revisionId }, data: { text: "rewritten" } }),
    ).rejects.toThrow(/immutable/);
    const revision = await prisma.revision.findUniqueOrThrow({
      where: { id: document.revisionId },
    });
    expect(revision.text).toBe(document.text);
  });

  it("keeps tag names unique per workspace regardless of case", async () => {
    const workspace = await makeWorkspace();
    await prisma.tag.create({
      data: {
        workspaceId: workspace.id,
        name: "Trial balloon",
        normalizedName: "trial balloon",
        color: "#d97706",
      },
    });
    await expect(
      prisma.tag.create({
        data: {
          workspaceId: workspace.id,
          name: "TRIAL BALLOON",
          normalizedName: "trial balloon",
          color: "#d97706",
        },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  });

  it("refuses a tag colour that is not #rrggbb", async () => {
    const workspace = await makeWorkspace();
    await expect(
      prisma.tag.create({
        data: { workspaceId: workspace.id, name: "x", normalizedName: "x", color: "red" },
      }),
    ).rejects.toThrow();
  });

  it("numbers a document's events without duplicates", async () => {
    const workspace = await makeWorkspace();
    const document = await makeDocument(workspace.id);
    await prisma.event.create({
      data: { documentId: document.id, seq: 1, type: "annotation.created", subjectId: "a" },
    });
    await expect(
      prisma.event.create({
        data: { documentId: document.id, seq: 1, type: "annotation.created", subjectId: "b" },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  });
});
