import { afterAll, describe, expect, it } from "vitest";

import { PATCH as patchAnnotationRoute } from "@/app/api/v1/annotations/[id]/route";
import { POST as replyRoute } from "@/app/api/v1/annotations/[id]/replies/route";
import { POST as createRoute } from "@/app/api/v1/documents/[id]/annotations/route";
import { GET as eventsRoute } from "@/app/api/v1/documents/[id]/events/route";
import { DELETE as removeMemberRoute } from "@/app/api/v1/workspaces/[id]/members/[userId]/route";
import { prisma } from "@/lib/server/db";
import { appendEvent } from "@/lib/server/events/append-event";
import { openEventStream } from "@/lib/server/live/event-stream";
import { LiveHub } from "@/lib/server/live/hub";

import { makeDocument, makeTeam, type TestUser } from "../support/factories";
import { call } from "../support/http";

const TEXT =
  "Are these trial balloons? We'll see how this develops. Tajikistan must participate in the operation.";

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** A live connection as a client sees it: parsed events as they arrive. */
function connect(response: Response, controller: AbortController) {
  const events: SseEvent[] = [];
  let ended = false;
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const done = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let split;
        while ((split = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const event: SseEvent = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) event.comment = line.slice(1).trim();
            const [field, ...rest] = line.split(": ");
            const value = rest.join(": ");
            if (field === "id" || field === "event" || field === "data") event[field] = value;
          }
          events.push(event);
        }
      }
    } catch {
      // aborted
    }
    ended = true;
  })();
  return {
    events,
    /** The named events of the log (not presence, comments or id-only skips). */
    named: () => events.filter((event) => event.event && event.event !== "presence"),
    /** The readers named by the latest presence event. */
    readers: () =>
      (
        JSON.parse(
          events.filter((event) => event.event === "presence").at(-1)?.data ?? '{"readers":[]}',
        ) as {
          readers: Array<{ id: string; name: string }>;
        }
      ).readers.map((reader) => reader.name),
    async waitFor(count: number, ms = 5000): Promise<SseEvent[]> {
      const named = () => events.filter((event) => event.event && event.event !== "presence");
      const deadline = Date.now() + ms;
      while (named().length < count) {
        if (Date.now() > deadline)
          throw new Error(`waited for ${count} events, got ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return named();
    },
    get ended() {
      return ended;
    },
    close: async () => {
      controller.abort();
      await done;
    },
    done,
  };
}

async function subscribe(user: TestUser, documentId: string, lastEventId?: string) {
  const controller = new AbortController();
  const response = await eventsRoute(
    new Request(`http://localhost/api/v1/documents/${documentId}/events`, {
      headers: { ...user.auth, ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
      signal: controller.signal,
    }),
    { params: Promise.resolve({ id: documentId }) },
  );
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  expect(response.headers.get("cache-control")).toContain("no-transform");
  return connect(response, controller);
}

function annotate(user: TestUser, documentId: string, exact: string, extra: object = {}) {
  return call(createRoute, {
    method: "POST",
    params: { id: documentId },
    json: { target: { quote: { exact } }, ...extra },
    headers: user.auth,
  });
}

const hubs: LiveHub[] = [];
afterAll(async () => {
  await Promise.all(hubs.map((hub) => hub.close()));
});

describe("live events", () => {
  it("a change made through one instance reaches a subscriber on another, shaped like the REST reply", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    // Instance B: its own hub and listening connection.
    const instanceB = new LiveHub();
    hubs.push(instanceB);
    const controller = new AbortController();
    const stream = connect(
      await openEventStream(
        team.owner.actor,
        document.id,
        new Request("http://localhost/x", { signal: controller.signal }),
        { hub: instanceB },
      ),
      controller,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const created = await annotate(team.member, document.id, "trial balloons");
    const [event] = await stream.waitFor(1);
    expect(event!.event).toBe("annotation.created");
    const data = JSON.parse(event!.data!);
    expect(data).toMatchObject({
      id: created.body.id,
      target: { quote: { exact: "trial balloons" } },
      abilities: { update: false, delete: true, resolve: true, reply: true }, // the owner's
    });
    const reply = await call(replyRoute, {
      method: "POST",
      params: { id: created.body.id },
      json: {
        body: {
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "Hm" }] }],
        },
      },
      headers: team.moderator.auth,
    });
    const events = await stream.waitFor(2);
    expect(events[1]).toMatchObject({ event: "reply.created" });
    expect(JSON.parse(events[1]!.data!)).toMatchObject({
      id: reply.body.id,
      bodyHtml: "<p>Hm</p>",
    });
    expect(Number(events[1]!.id)).toBe(Number(events[0]!.id) + 1);
    await stream.close();
    expect(instanceB.count(document.id)).toBe(0);
  });

  it("an instance whose listening connection drops catches up from the log when it is back", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    const hub = new LiveHub();
    hubs.push(hub);
    const controller = new AbortController();
    const stream = connect(
      await openEventStream(
        team.owner.actor,
        document.id,
        new Request("http://localhost/x", { signal: controller.signal }),
        { hub },
      ),
      controller,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    // An event enters the log with no notification at all (as if it was sent while this
    // instance's listener was down): only the catch-up after a reconnect can deliver it.
    const created = await annotate(team.member, document.id, "trial balloons");
    await stream.waitFor(1);
    const silent = await prisma.$transaction(async (tx) => {
      const row = await tx.annotation.create({
        data: {
          documentId: document.id,
          authorId: team.member.id,
          revisionId: created.body.revisionId,
          anchorRevisionId: created.body.revisionId,
          quoteExact: "We'll see",
          positionStart: 26,
          positionEnd: 35,
          anchorStart: 26,
          anchorEnd: 35,
        },
      });
      const [seq] = await tx.$queryRaw<Array<{ eventSeq: bigint }>>`
        UPDATE "Document" SET "eventSeq" = "eventSeq" + 1 WHERE id = ${document.id} RETURNING "eventSeq"`;
      await tx.event.create({
        data: {
          documentId: document.id,
          seq: seq!.eventSeq,
          type: "annotation.created",
          subjectId: row.id,
          actorId: team.member.id,
        },
      });
      return row;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.named()).toHaveLength(1); // nothing told anyone
    // The listening connections drop (postgres' listen() reconnects by itself).
    await prisma.$queryRaw`
      SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
      WHERE query ILIKE 'listen %' AND pid <> pg_backend_pid()`;
    const events = await stream.waitFor(2, 15_000);
    expect(JSON.parse(events[1]!.data!).id).toBe(silent.id);
    await stream.close();
  });

  it("a subscriber that drops and resumes with Last-Event-ID misses nothing, in order", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    const first = await subscribe(team.member, document.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await annotate(team.owner, document.id, "trial balloons");
    await annotate(team.owner, document.id, "We'll see");
    const seen = await first.waitFor(2);
    await first.close();
    // Three changes while away.
    const missed = [];
    for (const exact of ["how this develops", "Tajikistan", "the operation"])
      missed.push((await annotate(team.owner, document.id, exact)).body.id);
    const resumed = await subscribe(team.member, document.id, seen[1]!.id);
    const caughtUp = await resumed.waitFor(3);
    expect(caughtUp.map((event) => JSON.parse(event.data!).id)).toEqual(missed);
    expect(caughtUp.map((event) => Number(event.id))).toEqual([
      Number(seen[1]!.id) + 1,
      Number(seen[1]!.id) + 2,
      Number(seen[1]!.id) + 3,
    ]);
    // Then live ones.
    const live = await annotate(team.owner, document.id, "must participate");
    const all = await resumed.waitFor(4);
    expect(JSON.parse(all[3]!.data!).id).toBe(live.body.id);
    await resumed.close();
  });

  it("a rolled-back change emits nothing, and the next one follows without a gap", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    const stream = await subscribe(team.member, document.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(
      prisma.$transaction(async (tx) => {
        await appendEvent(tx, {
          documentId: document.id,
          type: "annotation.created",
          subjectId: "rolled-back",
          actorId: team.owner.id,
        });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.named()).toEqual([]);
    const created = await annotate(team.owner, document.id, "trial balloons");
    const [event] = await stream.waitFor(1);
    expect(JSON.parse(event!.data!).id).toBe(created.body.id);
    const before = await prisma.event.count({ where: { documentId: document.id } });
    expect(Number(event!.id)).toBe(before);
    await stream.close();
  });

  it("private annotations reach their author only; one made private leaves the others' screens", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    const author = await subscribe(team.member, document.id);
    const owner = await subscribe(team.owner, document.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const secret = await annotate(team.member, document.id, "We'll see", { visibility: "private" });
    await call(replyRoute, {
      method: "POST",
      params: { id: secret.body.id },
      json: {
        body: {
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "note" }] }],
        },
      },
      headers: team.member.auth,
    });
    const shared = await annotate(team.member, document.id, "trial balloons");
    await call(patchAnnotationRoute, {
      method: "PATCH",
      params: { id: shared.body.id },
      json: { visibility: "private" },
      headers: team.member.auth,
    });
    const mine = await author.waitFor(4);
    expect(mine.map((event) => event.event)).toEqual([
      "annotation.created",
      "reply.created",
      "annotation.created",
      "annotation.updated",
    ]);
    const theirs = await owner.waitFor(2);
    expect(theirs.map((event) => [event.event, JSON.parse(event.data!).id])).toEqual([
      ["annotation.created", shared.body.id],
      ["annotation.deleted", shared.body.id],
    ]);
    expect(owner.events.map((event) => event.data ?? "").join("")).not.toContain(secret.body.id);
    await author.close();
    await owner.close();
  });

  it("presence: readers on two instances see each other arrive and leave", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    const [hubA, hubB] = [new LiveHub(), new LiveHub()];
    hubs.push(hubA, hubB);
    const open = async (user: TestUser, hub: LiveHub) => {
      const controller = new AbortController();
      return connect(
        await openEventStream(
          user.actor,
          document.id,
          new Request("http://localhost/x", { signal: controller.signal }),
          { hub },
        ),
        controller,
      );
    };
    const owner = await open(team.owner, hubA);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const member = await open(team.member, hubB);
    const until = async (check: () => boolean) => {
      const deadline = Date.now() + 5000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error("presence did not arrive");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await until(() => owner.readers().length === 2);
    expect(owner.readers()).toEqual([team.member.actor.name, team.owner.actor.name].sort());
    await until(() => member.readers().length === 2);
    await member.close();
    await until(() => owner.readers().length === 1);
    expect(owner.readers()).toEqual([team.owner.actor.name]);
    await owner.close();
  });

  it("removal from the workspace ends the stream", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    const spare = await subscribe(team.spare, document.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const removed = await call(removeMemberRoute, {
      method: "DELETE",
      params: { id: team.workspace.id, userId: team.spare.id },
      headers: team.owner.auth,
    });
    expect(removed.status).toBe(204);
    await spare.waitFor(1);
    expect(spare.named()[0]).toMatchObject({ event: "closed" });
    await spare.done;
    expect(spare.ended).toBe(true);
  });

  it("sends a heartbeat, refuses a malformed Last-Event-ID, and a thousand dropped connections leave no subscriber behind", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, { content: TEXT });
    const hub = new LiveHub();
    hubs.push(hub);
    const beat = new AbortController();
    const beating = connect(
      await openEventStream(
        team.member.actor,
        document.id,
        new Request("http://localhost/x", { signal: beat.signal }),
        { hub, heartbeatMs: 30 },
      ),
      beat,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(beating.events.some((event) => event.comment === "heartbeat")).toBe(true);
    await beating.close();

    const bad = await call(eventsRoute, {
      params: { id: document.id },
      headers: { ...team.member.auth, "last-event-id": "not-a-number" },
    });
    expect(bad.status).toBe(400);

    const controllers: AbortController[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      const opened = await Promise.all(
        Array.from({ length: 100 }, async () => {
          const controller = new AbortController();
          const response = await openEventStream(
            team.member.actor,
            document.id,
            new Request("http://localhost/x", { signal: controller.signal }),
            { hub },
          );
          response.body!.getReader(); // a client that reads nothing, then drops
          return controller;
        }),
      );
      controllers.push(...opened);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hub.count(document.id)).toBe(1000);
    for (const controller of controllers) controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hub.count()).toBe(0);
  });
});
