import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import {
  GET as listRoute,
  POST as createRoute,
} from "@/app/api/v1/documents/[id]/annotations/route";
import { PUT as reviseRoute } from "@/app/api/v1/documents/[id]/route";
import { listAnnotationAuthors } from "@/lib/server/annotations/list-annotation-authors";
import { listReaderAnnotations } from "@/lib/server/annotations/list-reader-annotations";
import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { listTags } from "@/lib/server/tags/manage-tags";
import { decodeReaderAnnotations } from "@/lib/shared/annotations/reader-payload";

import { makeDocument, makeTeam, type TestUser } from "../support/factories";
import { call } from "../support/http";

const SEED = readFileSync("prisma/seed/csto-summit.txt", "utf8");

const actorOf = (user: TestUser): Actor => ({
  userId: user.id,
  name: "",
  email: "",
  via: "session",
});

async function readerView(user: TestUser, documentId: string, filters = {}) {
  const text = (await prisma.document.findUniqueOrThrow({
    where: { id: documentId },
    include: { currentRevision: true },
  }))!.currentRevision!.text;
  return decodeReaderAnnotations(
    await listReaderAnnotations(actorOf(user), documentId, text, filters),
    text,
  );
}

async function apiView(user: TestUser, documentId: string, query = "") {
  const response = await call(listRoute, {
    url: `http://localhost/x?limit=500${query}`,
    params: { id: documentId },
    headers: user.auth,
  });
  expect(response.status).toBe(200);
  // The fields the reader uses, as the API spells them.
  return response.body.items.map((item: Record<string, any>) => ({
    id: item.id,
    author: item.author,
    target: { quote: { exact: item.target.quote.exact } },
    anchor: { state: item.anchor.state, start: item.anchor.start, end: item.anchor.end },
    tags: item.tags,
    visibility: item.visibility,
    status: item.status,
    replyCount: item.replyCount,
    bodyHtml: item.bodyHtml,
    edited: item.editedAt !== null,
    importedAuthor: item.importedAuthor,
    abilities: item.abilities,
  }));
}

describe("the reader page's annotations", () => {
  it("are, for every role, exactly what the API lists: same annotations, order, anchors, tags, flags and abilities", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: SEED });
    const annotate = async (user: TestUser, exact: string, extra: object = {}) => {
      const response = await call(createRoute, {
        method: "POST",
        params: { id: document.id },
        json: { target: { quote: { exact } }, ...extra },
        headers: user.auth,
      });
      expect(response.status).toBe(201);
      return response.body;
    };
    await annotate(team.member, "trial balloons", {
      tags: ["trial balloon"],
      body: {
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: "A probe?" }] }],
      },
    });
    await annotate(team.owner, "an even more motley crew", { tags: ["alliance friction"] });
    await annotate(team.member, "In September of last year at the CSTO summit in Sochi", {
      tags: ["trial balloon", "alliance friction"],
      visibility: "private",
    });
    await annotate(team.author, "Russian President Vladimir Putin convened");
    // A revision leaves one fuzzy (typo fixed) and one orphaned (paragraph gone).
    const revised = SEED.replace("an even more motley crew", "an even more motely crew").replace(
      /^In September of last year.*$/m,
      "",
    );
    const revision = await call(reviseRoute, {
      method: "PUT",
      params: { id: document.id },
      json: { text: revised },
      headers: team.owner.auth,
    });
    expect(revision.status).toBe(200);

    for (const user of [team.owner, team.moderator, team.member, team.author]) {
      const reader = await readerView(user, document.id);
      expect(reader).toEqual(await apiView(user, document.id));
      expect(reader.map((item) => item.anchor.state).sort()).toEqual(
        user === team.member
          ? ["exact", "exact", "fuzzy", "orphaned"]
          : ["exact", "exact", "fuzzy"],
      );
    }
    // Filters mean the same on both paths.
    const filtered = await readerView(team.member, document.id, { tag: ["Trial Balloon"] });
    expect(filtered).toEqual(await apiView(team.member, document.id, "&tag=Trial%20Balloon"));
    expect(filtered).toHaveLength(2);
    expect(await readerView(team.owner, document.id, { mine: true })).toEqual(
      await apiView(team.owner, document.id, "&mine=true"),
    );
    await expect(
      listReaderAnnotations(actorOf(team.outsider), document.id, revised, {}),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("offer the authors and per-document tag counts the reader can see, never counting others' private ones", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: SEED });
    const other = await makeDocument(team.workspace.id, { content: SEED });
    const annotate = (user: TestUser, documentId: string, exact: string, extra: object = {}) =>
      call(createRoute, {
        method: "POST",
        params: { id: documentId },
        json: { target: { quote: { exact } }, tags: ["power signal"], ...extra },
        headers: user.auth,
      });
    await annotate(team.member, document.id, "trial balloons");
    await annotate(team.member, document.id, "motley crew");
    await annotate(team.owner, document.id, "Vladimir Putin", { visibility: "private" });
    await annotate(team.owner, other.id, "trial balloons");

    const forMember = await listAnnotationAuthors(actorOf(team.member), document.id);
    expect(forMember).toEqual([{ id: team.member.id, name: expect.any(String), count: 2 }]);
    const forOwner = await listAnnotationAuthors(actorOf(team.owner), document.id);
    expect(forOwner.map((author) => [author.id, author.count])).toEqual([
      [team.member.id, 2],
      [team.owner.id, 1],
    ]);

    const count = async (user: TestUser, documentId?: string) =>
      (await listTags(actorOf(user), team.workspace.id, { documentId })).find(
        (tag) => tag.name === "power signal",
      )?.count;
    expect(await count(team.member, document.id)).toBe(2);
    expect(await count(team.owner, document.id)).toBe(3);
    expect(await count(team.member)).toBe(3); // the workspace: both documents
    expect(await count(team.member, other.id)).toBe(1);
  });
});
