import "server-only";

import type { Tx } from "@/lib/server/db";

export type EventType =
  | "annotation.created"
  | "annotation.updated"
  | "annotation.deleted"
  | "reply.created"
  | "reply.updated"
  | "reply.deleted"
  | "document.revised"
  | "annotation.spotlighted";

/** Appends to the document's event log inside the caller's transaction. The sequence number
 * comes from the document row, which the UPDATE locks until commit: concurrent writers get
 * 1, 2, 3… with no gap and no duplicate, and a rolled-back change leaves no event. A NOTIFY on
 * `glossa_events` carries only "documentId:seq"; PostgreSQL delivers it at commit, never for a
 * rollback, to every instance's listener (lib/server/live/hub.ts). */
export async function appendEvent(
  tx: Tx,
  event: {
    documentId: string;
    type: EventType;
    subjectId: string;
    actorId: string;
    audienceUserId?: string | null;
  },
): Promise<bigint> {
  const { documentId, ...rest } = event;
  return appendEvents(tx, documentId, [rest]);
}

export const LIVE_EVENTS_CHANNEL = "glossa_events";
/** "workspaceId:userId" of a membership that ended: live streams of that reader close. */
export const LIVE_MEMBERS_CHANNEL = "glossa_members";

/** Many events of one document at once (an import): one sequence bump, one insert, one
 * notification; the hub reads everything after what each reader has seen, so one wake-up
 * delivers them all, in order. Returns the last sequence number. */
export async function appendEvents(
  tx: Tx,
  documentId: string,
  events: Array<{
    type: EventType;
    subjectId: string;
    actorId: string;
    audienceUserId?: string | null;
  }>,
): Promise<bigint> {
  if (events.length === 0) throw new Error("appendEvents: no events");
  const [row] = await tx.$queryRaw<Array<{ eventSeq: bigint }>>`
    UPDATE "Document" SET "eventSeq" = "eventSeq" + ${events.length} WHERE id = ${documentId}
    RETURNING "eventSeq"`;
  if (!row) throw new Error(`appendEvents: document ${documentId} does not exist`);
  const first = row.eventSeq - BigInt(events.length) + 1n;
  await tx.event.createMany({
    data: events.map((event, index) => ({
      documentId,
      seq: first + BigInt(index),
      type: event.type,
      subjectId: event.subjectId,
      actorId: event.actorId,
      audienceUserId: event.audienceUserId ?? null,
    })),
  });
  await tx.$executeRaw`SELECT pg_notify(${LIVE_EVENTS_CHANNEL}, ${`${documentId}:${row.eventSeq}`})`;
  return row.eventSeq;
}
