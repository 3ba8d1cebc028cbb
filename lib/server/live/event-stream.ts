import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { prisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { authorize } from "@/lib/server/permissions";
import { getDocumentMembershipOrThrow } from "@/lib/server/workspaces/access";

import { liveHub, type LiveHub, type Memo, type Subscriber } from "./hub";
import { currentMembership, preloadRows, renderEvent } from "./render-event";

// A document's live events as Server-Sent Events: `id` is the event's sequence number, `event`
// its type, `data` the resource as the REST API shows it to this reader. A reader resuming with
// Last-Event-ID (or ?lastEventId= on the first connection, e.g. the sequence the page was
// rendered at) first gets every event after it, in order, then live ones. A comment line goes
// out every 15 s; the subscription ends with the request (request.signal).

export const HEARTBEAT_MS = 15_000;

export async function openEventStream(
  actor: Actor,
  documentId: string,
  request: Request,
  options: { hub?: LiveHub; heartbeatMs?: number } = {},
): Promise<Response> {
  const membership = await getDocumentMembershipOrThrow(actor, documentId);
  authorize(membership, "documents.read");
  const after = resumePoint(request);
  const document = await prisma.document.findUniqueOrThrow({
    where: { id: documentId },
    select: { eventSeq: true },
  });
  const hub = options.hub ?? liveHub();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  let open = true;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          open = false; // the client went away between two writes
          cleanup();
        }
      };
      const end = () => {
        if (!open) return;
        open = false;
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const subscriber: Subscriber = {
        documentId,
        userId: actor.userId,
        name: actor.name,
        workspaceId: membership.workspaceId,
        // Resuming: from the id given (never beyond the log); new: from now.
        lastSeq: after !== null && after < document.eventSeq ? after : document.eventSeq,
        async deliver(events, memo) {
          const now = await currentMembership(memo, membership.workspaceId, actor.userId);
          if (!now) {
            write(`event: closed\ndata: {"reason":"removed from the workspace"}\n\n`);
            return end();
          }
          await preloadRows(events, memo);
          let text = "";
          for (const event of events) {
            const rendered = await renderEvent(event, now, memo);
            // Events this reader may not see still move its position on (no id is sent, so a
            // resume does not replay them either way).
            if (rendered) text += await serialize(rendered, memo);
          }
          const last = events.at(-1);
          // A silent id line keeps Last-Event-ID current even when nothing was shown.
          if (!text && last) text = `id: ${last.seq}\n: skipped\n\n`;
          write(text);
        },
        presence(readers) {
          // No id: presence is not part of the log, and resuming does not replay it.
          write(`event: presence\ndata: ${JSON.stringify({ readers })}\n\n`);
        },
        close(reason) {
          write(`event: closed\ndata: ${JSON.stringify({ reason })}\n\n`);
          end();
        },
      };
      write(`retry: 2000\n: connected at event ${subscriber.lastSeq}\n\n`);
      const heartbeat = setInterval(
        () => write(": heartbeat\n\n"),
        options.heartbeatMs ?? HEARTBEAT_MS,
      );
      let unsubscribe = () => {};
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        request.signal.removeEventListener("abort", end);
      };
      request.signal.addEventListener("abort", end);
      if (request.signal.aborted) return end();
      try {
        unsubscribe = await hub.subscribe(subscriber);
        if (!open) unsubscribe();
      } catch (error) {
        console.error("live events: cannot listen:", (error as Error).message);
        end();
      }
    },
    cancel() {
      open = false;
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: no compression layer may hold events back.
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}

/** The SSE text of an event, serialized once per batch for all readers it reads the same for:
 * an event's data differs between readers only by their abilities. */
function serialize(rendered: { id: string; event: string; data: unknown }, memo: Memo) {
  const abilities = (rendered.data as { abilities?: unknown } | null)?.abilities ?? null;
  return memo(
    `sse:${rendered.id}:${rendered.event}:${JSON.stringify(abilities)}`,
    async () =>
      `id: ${rendered.id}\nevent: ${rendered.event}\ndata: ${JSON.stringify(rendered.data)}\n\n`,
  );
}

function resumePoint(request: Request): bigint | null {
  const raw =
    request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  if (raw === null || raw === "") return null;
  if (!/^\d{1,18}$/.test(raw.trim()))
    throw new AppError("bad_request", "Last-Event-ID must be an event id this stream gave out");
  return BigInt(raw.trim());
}
