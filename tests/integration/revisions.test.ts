import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import {
  GET as listRoute,
  POST as createRoute,
} from "@/app/api/v1/documents/[id]/annotations/route";
import { GET as getDocumentRoute, PUT as reviseRoute } from "@/app/api/v1/documents/[id]/route";
import { prisma } from "@/lib/server/db";

import { makeDocument, makeTeam } from "../support/factories";
import { call } from "../support/http";

const SEED = readFileSync("prisma/seed/csto-summit.txt", "utf8");

describe("PUT /api/v1/documents/{id}: revising re-anchors every annotation in the same transaction", () => {
  it("keeps annotations anchored across an edit, fuzzy after a typo fix, orphaned when the passage goes", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: SEED });
    const annotate = async (exact: string) =>
      (
        await call(createRoute, {
          method: "POST",
          params: { id: document.id },
          json: { target: { quote: { exact } }, tags: ["trial balloon"] },
          headers: team.member.auth,
        })
      ).body;
    const balloons = await annotate("trial balloons");
    const motley = await annotate("an even more motley crew");
    const sochi = await annotate("In September of last year at the CSTO summit in Sochi");

    const revised = SEED.replace(
      "Russian President Vladimir Putin convened",
      "Last week, Russian President Vladimir Putin convened",
    )
      .replace("an even more motley crew", "an even more motely crew")
      .replace(/^In September of last year.*$/m, "");
    const response = await call(reviseRoute, {
      method: "PUT",
      params: { id: document.id },
      json: { text: revised },
      headers: team.owner.auth,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      revisionNumber: 2,
      reanchored: { exact: 1, fuzzy: 1, orphaned: 1 },
    });

    const current = await call(getDocumentRoute, {
      params: { id: document.id },
      headers: team.member.auth,
    });
    expect(current.body.revisionId).toBe(response.body.revisionId);
    // Earlier revisions stay readable by number (an export's JSON-LD pins the one it read).
    const first = await call(getDocumentRoute, {
      url: "http://localhost/api/v1/documents/x?revision=1",
      params: { id: document.id },
      headers: team.member.auth,
    });
    expect(first.body).toMatchObject({ revisionId: document.revisionId, revisionNumber: 1 });
    expect(first.body.text).toBe(document.text);
    for (const [query, status] of [
      ["?revision=9", 404],
      ["?revision=abc", 400],
    ] as const) {
      const answer = await call(getDocumentRoute, {
        url: `http://localhost/api/v1/documents/x${query}`,
        params: { id: document.id },
        headers: team.member.auth,
      });
      expect(answer.status, query).toBe(status);
    }
    const list = await call(listRoute, { params: { id: document.id }, headers: team.member.auth });
    const byId = Object.fromEntries(list.body.items.map((item: { id: string }) => [item.id, item]));
    const text: string = current.body.text;
    expect(byId[balloons.id].anchor.state).toBe("exact");
    expect(text.slice(byId[balloons.id].anchor.start, byId[balloons.id].anchor.end)).toBe(
      "trial balloons",
    );
    expect(byId[motley.id].anchor.state).toBe("fuzzy");
    expect(text.slice(byId[motley.id].anchor.start, byId[motley.id].anchor.end)).toBe(
      "an even more motely crew",
    );
    expect(byId[sochi.id].anchor).toMatchObject({ state: "orphaned", start: null, end: null });
    // Orphans are listed last; the selectors as created stay pinned to revision 1.
    expect(list.body.items.at(-1).id).toBe(sochi.id);
    expect(byId[sochi.id].revisionId).toBe(document.revisionId);

    // Every anchor points into the current revision.
    const anchors = await prisma.annotation.findMany({
      where: { documentId: document.id },
      select: { anchorRevisionId: true },
    });
    expect(new Set(anchors.map((row) => row.anchorRevisionId))).toEqual(
      new Set([response.body.revisionId]),
    );
    const event = await prisma.event.findFirst({
      where: { documentId: document.id, type: "document.revised" },
    });
    expect(event?.subjectId).toBe(response.body.revisionId);
  });

  it("is for owners and moderators; bad input changes nothing", async () => {
    const team = await makeTeam();
    const put = (user: typeof team.member, json: unknown) =>
      call(reviseRoute, {
        method: "PUT",
        params: { id: team.document.id },
        json,
        headers: user.auth,
      });
    expect((await put(team.member, { text: "New text." })).status).toBe(403);
    expect((await put(team.moderator, { text: " \n " })).status).toBe(422);
    expect((await put(team.moderator, { text: "a", html: "<p>b</p>" })).status).toBe(422);
    expect(await prisma.revision.count({ where: { documentId: team.document.id } })).toBe(1);
    const ok = await put(team.moderator, {
      markdown:
        "# New title\n\nFirst paragraph of the article.\n\nSecond paragraph, with more words.",
      title: "Renamed",
    });
    expect(ok.body).toMatchObject({
      revisionNumber: 2,
      reanchored: { exact: 1, fuzzy: 0, orphaned: 0 },
    });
    expect(
      (
        await call(getDocumentRoute, {
          params: { id: team.document.id },
          headers: team.member.auth,
        })
      ).body.title,
    ).toBe("Renamed");
  });
});
