import { describe, expect, it } from "vitest";

import {
  DELETE as deleteAnnotationRoute,
  GET as getAnnotationRoute,
  PATCH as patchAnnotationRoute,
} from "@/app/api/v1/annotations/[id]/route";
import {
  GET as threadRoute,
  POST as replyRoute,
} from "@/app/api/v1/annotations/[id]/replies/route";
import {
  GET as listRoute,
  POST as createRoute,
} from "@/app/api/v1/documents/[id]/annotations/route";
import { POST as readRoute } from "@/app/api/v1/notifications/read/route";
import { GET as notificationsRoute } from "@/app/api/v1/notifications/route";
import {
  DELETE as deleteReplyRoute,
  PATCH as patchReplyRoute,
} from "@/app/api/v1/replies/[id]/route";
import { prisma } from "@/lib/server/db";

import { makeDocument, makeTeam, type Team, type TestUser } from "../support/factories";
import { call } from "../support/http";

const TEXT =
  "Are these trial balloons? We'll see how this develops. Tajikistan must participate in the peacekeeping operation.";

type Inline = Record<string, unknown>;
const text = (value: string, marks?: Inline[]): Inline => ({
  type: "text",
  text: value,
  ...(marks ? { marks } : {}),
});
const mention = (user: TestUser, name: string): Inline => ({
  type: "mention",
  attrs: { id: user.id, label: name },
});
const doc = (...inline: Inline[]) => ({
  type: "doc",
  content: [{ type: "paragraph", content: inline }],
});

async function annotate(team: Team, user: TestUser, documentId: string, extra: object = {}) {
  const response = await call(createRoute, {
    method: "POST",
    params: { id: documentId },
    json: { target: { quote: { exact: "trial balloons" } }, ...extra },
    headers: user.auth,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

function reply(user: TestUser, annotationId: string, body: unknown, parentId?: string) {
  return call(replyRoute, {
    method: "POST",
    params: { id: annotationId },
    json: { body, ...(parentId ? { parentId } : {}) },
    headers: user.auth,
  });
}

function thread(user: TestUser, annotationId: string) {
  return call(threadRoute, { params: { id: annotationId }, headers: user.auth });
}

function inbox(user: TestUser, query = "") {
  return call(notificationsRoute, { url: `http://localhost/x${query}`, headers: user.auth });
}

describe("threads", () => {
  it("two members discuss a highlight in formatted text with a link and a mention; the thread nests, counts and keeps its shape", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    const annotation = await annotate(team, team.member, document.id, {
      body: doc(
        text("A "),
        text("trial balloon", [{ type: "bold" }]),
        text(" — see "),
        text("the report", [{ type: "link", attrs: { href: "https://eurasianet.org/x" } }]),
        text(", "),
        mention(team.moderator, "Moderator"),
        text("?"),
      ),
    });
    expect(annotation.bodyHtml).toContain("<strong>trial balloon</strong>");
    expect(annotation.bodyHtml).toMatch(/<a [^>]*href="https:\/\/eurasianet.org\/x"/);
    expect(annotation.bodyHtml).toContain('data-id="' + team.moderator.id + '"');

    const first = await reply(
      team.moderator,
      annotation.id,
      doc(text("Agreed, "), text("probing", [{ type: "italic" }]), text(" Dushanbe's appetite.")),
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      annotationId: annotation.id,
      parentId: null,
      author: { id: team.moderator.id },
      deleted: false,
      editedAt: null,
      abilities: { update: true, delete: true, reply: true },
    });
    expect(first.body.bodyHtml).toBe("<p>Agreed, <em>probing</em> Dushanbe's appetite.</p>");
    const nested = await reply(team.member, annotation.id, doc(text("Why so?")), first.body.id);
    expect(nested.status).toBe(201);
    expect(nested.body.parentId).toBe(first.body.id);

    // Edit: marked edited; others may not edit it.
    const edited = await call(patchReplyRoute, {
      method: "PATCH",
      params: { id: first.body.id },
      json: { body: doc(text("Agreed: probing.")) },
      headers: team.moderator.auth,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.editedAt).not.toBeNull();
    expect(
      (
        await call(patchReplyRoute, {
          method: "PATCH",
          params: { id: first.body.id },
          json: { body: doc(text("Hijacked")) },
          headers: team.owner.auth,
        })
      ).status,
    ).toBe(403);

    // Delete the first reply: a tombstone keeps the nested answer in place.
    expect(
      (
        await call(deleteReplyRoute, {
          method: "DELETE",
          params: { id: first.body.id },
          headers: team.moderator.auth,
        })
      ).status,
    ).toBe(204);
    const listed = await thread(team.owner, annotation.id);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([
      first.body.id,
      nested.body.id,
    ]);
    expect(listed.body.items[0]).toMatchObject({
      deleted: true,
      body: null,
      bodyHtml: null,
      abilities: { update: false, delete: false, reply: false },
    });
    expect(listed.body.items[1]).toMatchObject({ parentId: first.body.id, deleted: false });
    // Nothing answers a tombstone, nothing edits it.
    expect((await reply(team.owner, annotation.id, doc(text("Hm")), first.body.id)).status).toBe(
      422,
    );
    // Reply counts leave out the deleted.
    const again = await call(getAnnotationRoute, {
      params: { id: annotation.id },
      headers: team.owner.auth,
    });
    expect(again.body.replyCount).toBe(1);
  });

  it("edits, deletes and resolves through the authorization module: authors, moderators, owners, members, outsiders", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    const annotation = await annotate(team, team.member, document.id, {
      body: doc(text("First thought")),
    });
    // The comment: its author edits it (marked edited), nobody else.
    const patch = (user: TestUser, json: object) =>
      call(patchAnnotationRoute, {
        method: "PATCH",
        params: { id: annotation.id },
        json,
        headers: user.auth,
      });
    const changed = await patch(team.member, { body: doc(text("Second thought")) });
    expect(changed.status).toBe(200);
    expect(changed.body.bodyHtml).toBe("<p>Second thought</p>");
    expect(changed.body.editedAt).not.toBeNull();
    for (const other of [team.owner, team.moderator, team.author])
      expect((await patch(other, { body: doc(text("Not mine")) })).status).toBe(403);
    expect((await patch(team.outsider, { body: doc(text("Not mine")) })).status).toBe(404);
    // A first comment on a plain highlight is not an edit.
    const plain = await annotate(team, team.member, document.id);
    const firstComment = await call(patchAnnotationRoute, {
      method: "PATCH",
      params: { id: plain.id },
      json: { body: doc(text("Now with a comment")) },
      headers: team.member.auth,
    });
    expect(firstComment.body).toMatchObject({
      bodyHtml: "<p>Now with a comment</p>",
      editedAt: null,
    });
    // Resolve and reopen: author, moderators, owners; not another member.
    expect((await patch(team.author, { status: "resolved" })).status).toBe(403);
    expect((await patch(team.moderator, { status: "resolved" })).body.status).toBe("resolved");
    expect((await patch(team.owner, { status: "open" })).body.status).toBe("open");
    expect((await patch(team.member, { status: "resolved" })).body.status).toBe("resolved");

    // Replies: another member's reply is theirs to edit; moderators and owners delete any.
    const byAuthor = await reply(team.author, annotation.id, doc(text("A reply")));
    const del = (user: TestUser, id: string) =>
      call(deleteReplyRoute, { method: "DELETE", params: { id }, headers: user.auth });
    expect((await del(team.member, byAuthor.body.id)).status).toBe(403);
    expect((await del(team.outsider, byAuthor.body.id)).status).toBe(404);
    expect((await del(team.owner, byAuthor.body.id)).status).toBe(204);
    expect((await del(team.owner, byAuthor.body.id)).status).toBe(404); // already a tombstone
    expect((await reply(team.outsider, annotation.id, doc(text("Let me in")))).status).toBe(404);

    // A private annotation: nobody else reads or answers its thread.
    const secret = await annotate(team, team.member, document.id, { visibility: "private" });
    expect((await reply(team.owner, secret.id, doc(text("Peek")))).status).toBe(404);
    expect((await thread(team.owner, secret.id)).status).toBe(404);
    expect((await reply(team.member, secret.id, doc(text("Note to self")))).status).toBe(201);
  });

  it("refuses bodies that do not fit the editor's schema with 422, and changes nothing", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    const annotation = await annotate(team, team.member, document.id);
    const before = await prisma.reply.count({ where: { annotationId: annotation.id } });
    for (const body of [
      { type: "doc", content: [{ type: "script", text: "alert(1)" }] },
      doc(text("x", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])),
      "<p>html</p>",
      { type: "doc", content: [] },
    ]) {
      const response = await reply(team.member, annotation.id, body);
      expect([400, 422], JSON.stringify(response.body)).toContain(response.status);
      expect(response.body.error.code).toMatch(/unprocessable|bad_request/);
    }
    expect(await prisma.reply.count({ where: { annotationId: annotation.id } })).toBe(before);
    const refused = await call(createRoute, {
      method: "POST",
      params: { id: document.id },
      json: {
        target: { quote: { exact: "We'll see" } },
        body: { type: "doc", content: [{ type: "heading", content: [text("x")] }] },
      },
      headers: team.member.auth,
    });
    expect(refused.status).toBe(422);
    expect(await prisma.annotation.count({ where: { documentId: document.id } })).toBe(1);
  });
});

describe("concurrent changes to one thread", () => {
  it("run one after the other: a double delete makes one event, two edits adding a mention notify once, an edit racing a delete leaves no text behind", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    const annotation = await annotate(team, team.member, document.id);
    const patchReply = (id: string, body: unknown) =>
      call(patchReplyRoute, {
        method: "PATCH",
        params: { id },
        json: { body },
        headers: team.member.auth,
      });
    const deleteReply = (id: string) =>
      call(deleteReplyRoute, { method: "DELETE", params: { id }, headers: team.member.auth });
    for (let round = 0; round < 5; round += 1) {
      const first = (await reply(team.member, annotation.id, doc(text(`Round ${round}`)))).body;
      const statuses = (await Promise.all([deleteReply(first.id), deleteReply(first.id)]))
        .map((response) => response.status)
        .sort();
      expect(statuses).toEqual([204, 404]);
      expect(
        await prisma.event.count({ where: { subjectId: first.id, type: "reply.deleted" } }),
      ).toBe(1);

      const second = (await reply(team.member, annotation.id, doc(text("Plain")))).body;
      await Promise.all([
        patchReply(second.id, doc(text("Ask "), mention(team.owner, "Owner"))),
        patchReply(second.id, doc(text("Ask "), mention(team.owner, "Owner"), text("!"))),
      ]);
      expect(
        await prisma.notification.count({
          where: { userId: team.owner.id, annotationId: annotation.id, kind: "mention" },
        }),
      ).toBe(round + 1);

      const third = (await reply(team.member, annotation.id, doc(text("Racing")))).body;
      await Promise.all([
        patchReply(third.id, doc(text("Edited while deleted"))),
        deleteReply(third.id),
      ]);
      const row = await prisma.reply.findUniqueOrThrow({ where: { id: third.id } });
      expect(row.deletedAt).not.toBeNull();
      expect(row.bodyText).toBe("");
    }
  });
});

describe("notifications", () => {
  it("tell the mentioned and the thread's participants, never the writer, never about what they cannot read", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    const annotation = await annotate(team, team.member, document.id, {
      body: doc(text("What do you think, "), mention(team.moderator, "Moderator"), text("?")),
    });
    let moderatorInbox = await inbox(team.moderator);
    expect(moderatorInbox.body.unreadCount).toBe(1);
    expect(moderatorInbox.body.items[0]).toMatchObject({
      kind: "mention",
      read: false,
      actor: { id: team.member.id },
      annotation: { id: annotation.id, documentId: document.id, quote: "trial balloons" },
      reply: null,
      url: `/documents/${document.id}#annotation-${annotation.id}`,
    });

    // The moderator answers, mentioning the owner: the owner by mention, the annotation's
    // author by reply; not the moderator.
    const answer = await reply(
      team.moderator,
      annotation.id,
      doc(text("Ask "), mention(team.owner, "Owner"), text(".")),
    );
    expect(answer.status).toBe(201);
    expect((await inbox(team.owner)).body.items.map((n: { kind: string }) => n.kind)).toEqual([
      "mention",
    ]);
    const memberInbox = await inbox(team.member);
    expect(memberInbox.body.items).toHaveLength(1);
    expect(memberInbox.body.items[0]).toMatchObject({
      kind: "reply",
      reply: { id: answer.body.id, excerpt: "Ask @Owner." },
    });
    expect((await inbox(team.moderator)).body.items).toHaveLength(1); // only the first mention

    // The owner replies: the author and the earlier participant (moderator) hear of it.
    await reply(team.owner, annotation.id, doc(text("Looks like it.")));
    expect((await inbox(team.member)).body.unreadCount).toBe(2);
    moderatorInbox = await inbox(team.moderator);
    expect(moderatorInbox.body.items.map((n: { kind: string }) => n.kind)).toEqual([
      "reply",
      "mention",
    ]);

    // Mark one read, then all.
    const marked = await call(readRoute, {
      method: "POST",
      json: { ids: [moderatorInbox.body.items[0].id] },
      headers: team.moderator.auth,
    });
    expect(marked.body).toEqual({ updated: 1 });
    expect((await inbox(team.moderator)).body.unreadCount).toBe(1);
    expect((await inbox(team.moderator, "?unread=true")).body.items).toHaveLength(1);
    // Someone else's ids change nothing.
    expect(
      (
        await call(readRoute, {
          method: "POST",
          json: { ids: [moderatorInbox.body.items[1].id] },
          headers: team.member.auth,
        })
      ).body,
    ).toEqual({ updated: 0 });
    await call(readRoute, { method: "POST", json: {}, headers: team.moderator.auth });
    expect((await inbox(team.moderator)).body.unreadCount).toBe(0);

    // Mentioning someone outside the workspace is refused; a label is always the member's name.
    const stranger = await reply(
      team.member,
      annotation.id,
      doc(mention(team.outsider, "Outsider")),
    );
    expect(stranger.status).toBe(422);
    const relabelled = await reply(team.member, annotation.id, doc(mention(team.owner, "Teacher")));
    expect(relabelled.body.bodyHtml).toContain(">@Owner</span>");
    expect(relabelled.body.bodyHtml).not.toContain("Teacher");
    await call(readRoute, { method: "POST", json: {}, headers: team.owner.auth });
    // Mentions on a private annotation go nowhere.
    const secret = await annotate(team, team.member, document.id, {
      visibility: "private",
      body: doc(mention(team.owner, "Owner")),
    });
    await reply(team.member, secret.id, doc(mention(team.moderator, "Moderator")));
    expect((await inbox(team.outsider)).body.items).toHaveLength(0);
    expect((await inbox(team.owner)).body.unreadCount).toBe(0); // nothing since marked read
    expect(
      (await inbox(team.owner)).body.items.every(
        (n: { annotation: { id: string } }) => n.annotation.id !== secret.id,
      ),
    ).toBe(true);

    // A deleted annotation's notifications leave the inbox.
    await call(deleteAnnotationRoute, {
      method: "DELETE",
      params: { id: annotation.id },
      headers: team.member.auth,
    });
    expect((await inbox(team.moderator)).body.items).toHaveLength(0);
  });
});

describe("search", () => {
  it("finds annotations by a word of a reply, of the comment or of the quote, with stemming, only among what the reader can see", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    const balloons = await annotate(team, team.member, document.id, {
      body: doc(text("Moscow floats ideas to test the reaction")),
    });
    const keeping = await call(createRoute, {
      method: "POST",
      params: { id: document.id },
      json: { target: { quote: { exact: "peacekeeping operation" } } },
      headers: team.owner.auth,
    });
    await reply(team.moderator, keeping.body.id, doc(text("Dushanbe volunteered quickly")));
    const secret = await call(createRoute, {
      method: "POST",
      params: { id: document.id },
      json: {
        target: { quote: { exact: "We'll see" } },
        body: doc(text("volunteered privately")),
        visibility: "private",
      },
      headers: team.member.auth,
    });
    const ids = async (q: string, user = team.owner) =>
      (
        await call(listRoute, {
          url: `http://localhost/x?q=${encodeURIComponent(q)}`,
          params: { id: document.id },
          headers: user.auth,
        })
      ).body.items.map((item: { id: string }) => item.id);
    expect(await ids("dushanbe")).toEqual([keeping.body.id]); // a word of a reply
    expect(await ids("volunteer")).toEqual([keeping.body.id]); // stemmed; the private one hidden
    expect(await ids("volunteer", team.member)).toEqual([secret.body.id, keeping.body.id]);
    expect(await ids("float")).toEqual([balloons.id]); // the comment, stemmed
    expect(await ids("balloon")).toEqual([balloons.id]); // the quote, stemmed
    expect(await ids("peacekeep")).toEqual([keeping.body.id]); // part of a word of the quote
    expect(await ids('"test the reaction"')).toEqual([balloons.id]); // a phrase
    expect(await ids("nothing-like-this")).toEqual([]);
    // A deleted reply no longer matches.
    const thread = await call(threadRoute, {
      params: { id: keeping.body.id },
      headers: team.owner.auth,
    });
    await call(deleteReplyRoute, {
      method: "DELETE",
      params: { id: thread.body.items[0].id },
      headers: team.owner.auth,
    });
    expect(await ids("dushanbe")).toEqual([]);
  });
});
