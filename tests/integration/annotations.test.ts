import { describe, expect, it } from "vitest";

import {
  DELETE as deleteRoute,
  GET as getRoute,
  PATCH as patchRoute,
} from "@/app/api/v1/annotations/[id]/route";
import {
  GET as listRoute,
  POST as createRoute,
} from "@/app/api/v1/documents/[id]/annotations/route";
import { POST as mergeRoute } from "@/app/api/v1/tags/[id]/merge/route";
import { PATCH as patchTagRoute } from "@/app/api/v1/tags/[id]/route";
import { GET as tagsRoute, POST as createTagRoute } from "@/app/api/v1/workspaces/[id]/tags/route";
import { prisma } from "@/lib/server/db";

import { makeDocument, makeTeam, type Team, type TestUser } from "../support/factories";
import { call } from "../support/http";

const SEED =
  "Are these trial balloons? We'll see. Trial balloons, again: trial balloons everywhere.";

function create(team: Team, user: TestUser, documentId: string, body: unknown) {
  return call(createRoute, {
    method: "POST",
    params: { id: documentId },
    json: body,
    headers: user.auth,
  });
}

function list(user: TestUser, documentId: string, query = "") {
  return call(listRoute, {
    url: `http://localhost/x${query}`,
    params: { id: documentId },
    headers: user.auth,
  });
}

describe("creating annotations", () => {
  it("stores W3C selectors recomputed from the text: exact, 32 characters of context, position, revision", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, {
      content: `${"x".repeat(40)} ${SEED}`,
    });
    const start = document.text.indexOf("trial balloons");
    const response = await create(team, team.member, document.id, {
      target: { quote: { exact: "trial balloons" }, position: { start, end: start + 14 } },
      tags: ["Trial balloon", "trial  BALLOON"],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      documentId: document.id,
      revisionId: document.revisionId,
      author: { id: team.member.id },
      target: {
        quote: {
          exact: "trial balloons",
          prefix: document.text.slice(start - 32, start),
          suffix: document.text.slice(start + 14, start + 46),
        },
        position: { start, end: start + 14 },
      },
      anchor: { state: "exact", score: 1, start, end: start + 14 },
      tags: ["trial balloon"], // the workspace's existing tag, whatever the case typed
      visibility: "workspace",
      status: "open",
      replyCount: 0,
      abilities: { update: true, delete: true, resolve: true, reply: true },
    });
    expect(response.body.target.quote.prefix).toHaveLength(32);
  });

  it("finds the right one of a repeated phrase by its context, and refuses a quote not in the text (422)", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: SEED });
    const second = document.text.indexOf("trial balloons", 20);
    const response = await create(team, team.member, document.id, {
      target: { quote: { exact: "trial balloons", prefix: "again: ", suffix: " everywhere" } },
    });
    expect(response.body.anchor.start).toBe(second);
    const missing = await create(team, team.member, document.id, {
      target: { quote: { exact: "weather balloons" } },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details[0].path).toBe("target.quote.exact");
    const stalePosition = await create(team, team.member, document.id, {
      target: { quote: { exact: "Trial balloons" }, position: { start: 0, end: 14 } },
    });
    expect(stalePosition.body.anchor.start).toBe(document.text.indexOf("Trial balloons"));
    for (const bad of [
      { target: { quote: { exact: "" } } },
      { target: { quote: { exact: "x" } }, visibility: "secret" },
      { target: {} },
      { tags: ["a"] },
    ]) {
      expect((await create(team, team.member, document.id, bad)).status).toBe(422);
    }
  });

  it("writes an event per change, numbered 1, 2, 3… with no gap under concurrent writers, none for a refused one", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: SEED });
    await create(team, team.member, document.id, {
      target: { quote: { exact: "nowhere to be found" } },
    });
    const writers = [team.member, team.moderator, team.owner, team.author];
    await Promise.all(
      writers.flatMap((user) =>
        [0, 1, 2].map(() =>
          create(team, user, document.id, { target: { quote: { exact: "balloons" } } }),
        ),
      ),
    );
    const events = await prisma.event.findMany({
      where: { documentId: document.id },
      orderBy: { seq: "asc" },
    });
    expect(events.map((event) => Number(event.seq))).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(["annotation.created"]));
  });
});

describe("visibility", () => {
  it("keeps private annotations to their author: not listed, not readable, not counted, not editable by others", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: SEED });
    const secret = await create(team, team.member, document.id, {
      target: { quote: { exact: "We'll see" } },
      tags: ["hunch"],
      visibility: "private",
    });
    expect(secret.status).toBe(201);
    const mine = await list(team.member, document.id);
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([secret.body.id]);
    for (const other of [team.owner, team.moderator, team.author]) {
      expect((await list(other, document.id)).body.items).toEqual([]);
      expect(
        (await call(getRoute, { params: { id: secret.body.id }, headers: other.auth })).status,
      ).toBe(404);
      expect(
        (
          await call(patchRoute, {
            method: "PATCH",
            params: { id: secret.body.id },
            json: { status: "resolved" },
            headers: other.auth,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await call(deleteRoute, {
            method: "DELETE",
            params: { id: secret.body.id },
            headers: other.auth,
          })
        ).status,
      ).toBe(404);
      const tags = await call(tagsRoute, {
        params: { id: team.workspace.id },
        headers: other.auth,
      });
      // Not even its name: a tag used only on someone else's private annotation is private too.
      expect(tags.body.items.map((tag: { name: string }) => tag.name)).not.toContain("hunch");
    }
    const event = await prisma.event.findFirstOrThrow({ where: { subjectId: secret.body.id } });
    expect(event.audienceUserId).toBe(team.member.id);
    const shared = await call(patchRoute, {
      method: "PATCH",
      params: { id: secret.body.id },
      json: { visibility: "workspace" },
      headers: team.member.auth,
    });
    expect(shared.body.visibility).toBe("workspace");
    expect((await list(team.owner, document.id)).body.items).toHaveLength(1);
    const after = await call(tagsRoute, {
      params: { id: team.workspace.id },
      headers: team.owner.auth,
    });
    expect(after.body.items.find((tag: { name: string }) => tag.name === "hunch")?.count).toBe(1);
  });
});

describe("changing annotations", () => {
  it("lets the author retag; moderators resolve and delete but do not retag", async () => {
    const team = await makeTeam();
    const id = team.annotation.id;
    const retag = await call(patchRoute, {
      method: "PATCH",
      params: { id },
      json: { tags: ["alliance friction"] },
      headers: team.author.auth,
    });
    expect(retag.body.tags).toEqual(["alliance friction"]);
    expect(
      (
        await call(patchRoute, {
          method: "PATCH",
          params: { id },
          json: { tags: ["x"] },
          headers: team.moderator.auth,
        })
      ).status,
    ).toBe(403);
    const resolved = await call(patchRoute, {
      method: "PATCH",
      params: { id },
      json: { status: "resolved" },
      headers: team.moderator.auth,
    });
    expect(resolved.body.status).toBe("resolved");
    expect(
      (
        await call(patchRoute, {
          method: "PATCH",
          params: { id },
          json: { status: "open" },
          headers: team.member.auth,
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(deleteRoute, { method: "DELETE", params: { id }, headers: team.member.auth }))
        .status,
    ).toBe(403);
    expect(
      (await call(deleteRoute, { method: "DELETE", params: { id }, headers: team.moderator.auth }))
        .status,
    ).toBe(204);
    expect((await call(getRoute, { params: { id }, headers: team.author.auth })).status).toBe(404);
  });
});

describe("filters", () => {
  it("filter by tags, author, mine, status and text, and page in document order", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: SEED });
    const a = await create(team, team.member, document.id, {
      target: { quote: { exact: "Are these" } },
      tags: ["trial balloon"],
    });
    const b = await create(team, team.owner, document.id, {
      target: { quote: { exact: "We'll see" } },
      tags: ["Alliance friction"],
    });
    const c = await create(team, team.member, document.id, {
      target: { quote: { exact: "everywhere" } },
      tags: ["trial balloon", "alliance friction"],
    });
    await call(patchRoute, {
      method: "PATCH",
      params: { id: c.body.id },
      json: { status: "resolved" },
      headers: team.member.auth,
    });
    const ids = async (query: string, user = team.member) =>
      (await list(user, document.id, query)).body.items.map((item: { id: string }) => item.id);
    expect(await ids("")).toEqual([a.body.id, b.body.id, c.body.id]);
    expect(await ids("?tag=Trial%20Balloon")).toEqual([a.body.id, c.body.id]);
    expect(await ids("?tag=trial%20balloon,alliance%20friction")).toEqual([
      a.body.id,
      b.body.id,
      c.body.id,
    ]);
    expect(await ids(`?author=${team.owner.id}`)).toEqual([b.body.id]);
    expect(await ids("?mine=true", team.owner)).toEqual([b.body.id]);
    expect(await ids("?status=resolved")).toEqual([c.body.id]);
    expect(await ids("?q=WE'LL")).toEqual([b.body.id]);
    const first = await list(team.member, document.id, "?limit=2");
    expect(first.body.items).toHaveLength(2);
    const second = await list(team.member, document.id, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual([c.body.id]);
    expect(second.body.nextCursor).toBeNull();
    expect((await list(team.member, document.id, "?status=deleted")).status).toBe(400);
  });
});

describe("the tag vocabulary", () => {
  it("counts uses, refuses duplicate names case-insensitively, recolours and merges", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: SEED });
    await create(team, team.member, document.id, {
      target: { quote: { exact: "Are these" } },
      tags: ["Trial balloon", "Probe"],
    });
    const tags = await call(tagsRoute, {
      params: { id: team.workspace.id },
      headers: team.member.auth,
    });
    const byName = Object.fromEntries(
      tags.body.items.map((tag: { name: string; count: number; id: string }) => [tag.name, tag]),
    );
    expect(byName["trial balloon"].count).toBe(2); // the team's own annotation and this one
    expect(byName["Probe"].count).toBe(1);
    expect(byName["Probe"].color).toMatch(/^#[0-9a-f]{6}$/);
    const duplicate = await call(createTagRoute, {
      method: "POST",
      params: { id: team.workspace.id },
      json: { name: "PROBE" },
      headers: team.member.auth,
    });
    expect(duplicate.status).toBe(409);
    const recoloured = await call(patchTagRoute, {
      method: "PATCH",
      params: { id: byName["Probe"].id },
      json: { color: "#ABCDEF", description: "testing the waters" },
      headers: team.moderator.auth,
    });
    expect(recoloured.body).toMatchObject({
      color: "#abcdef",
      description: "testing the waters",
      count: 1,
    });
    const merged = await call(mergeRoute, {
      method: "POST",
      params: { id: byName["Probe"].id },
      json: { into: byName["trial balloon"].id },
      headers: team.owner.auth,
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ name: "trial balloon", count: 2 });
    const after = await call(tagsRoute, {
      params: { id: team.workspace.id },
      headers: team.member.auth,
    });
    expect(after.body.items.map((tag: { name: string }) => tag.name)).toEqual(["trial balloon"]);
  });
});
