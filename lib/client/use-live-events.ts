"use client";

import { useEffect, useRef } from "react";

export type LiveHandlers = Partial<Record<string, (data: unknown) => void>>;

/** Follows a document's live events (Server-Sent Events) from the event the page was rendered
 * at: EventSource reconnects by itself and resumes with Last-Event-ID, so nothing is missed.
 * Handlers are read fresh on every event; reconnecting does not depend on them. */
export function useLiveEvents(documentId: string, since: string, handlers: LiveHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(
      `/api/v1/documents/${documentId}/events?lastEventId=${encodeURIComponent(since)}`,
    );
    const names = [
      "annotation.created",
      "annotation.updated",
      "annotation.deleted",
      "reply.created",
      "reply.updated",
      "reply.deleted",
      "document.revised",
      "annotation.spotlighted",
      "presence",
      "closed",
    ];
    const listeners = names.map((name) => {
      const listener = (event: MessageEvent<string>) => {
        try {
          latest.current[name]?.(JSON.parse(event.data));
        } catch (error) {
          console.error(`live event ${name}:`, error);
        }
        if (name === "closed") source.close(); // removed from the workspace: no reconnect
      };
      source.addEventListener(name, listener as EventListener);
      return [name, listener] as const;
    });
    return () => {
      for (const [name, listener] of listeners)
        source.removeEventListener(name, listener as EventListener);
      source.close();
    };
  }, [documentId, since]);
}
