import "server-only";

import postgres from "postgres";

import { livePrisma } from "@/lib/server/db";
import { databaseUrl, env } from "@/lib/server/env";
import { LIVE_EVENTS_CHANNEL, LIVE_MEMBERS_CHANNEL } from "@/lib/server/events/append-event";

// One listening connection per server instance fans the event log out to this instance's
// subscribers (the SSE streams of app/api/v1/documents/[id]/events). NOTIFY carries only
// "documentId:seq"; the events themselves are read from the log, in order, from where each
// subscriber is. After any reconnect of the listening connection (postgres' listen() reconnects
// by itself and calls back) every document with subscribers is caught up from the log, so a
// notification lost while disconnected loses nothing.

export interface LogEvent {
  seq: bigint;
  type: string;
  subjectId: string;
  audienceUserId: string | null;
  createdAt: Date;
}

export interface Subscriber {
  documentId: string;
  userId: string;
  /** Shown to the others reading the document (presence). */
  name: string;
  workspaceId: string;
  /** The last event this subscriber has (or did not need). */
  lastSeq: bigint;
  /** Hands over events newer than lastSeq, in order; the hub then moves lastSeq on. `memo`
   * shares what is loaded to render them among the subscribers of one batch. */
  deliver(events: LogEvent[], memo: Memo): Promise<void>;
  /** The stream ends (membership gone). */
  close(reason: string): void;
  /** Who is reading the document now, on any instance. */
  presence(readers: Reader[]): void;
}

export interface Reader {
  id: string;
  name: string;
}

const PRESENCE_CHANNEL = "glossa_presence";
/** Each instance re-announces its readers this often; an announcement lives three times as
 * long, so a crashed instance's readers fade out. */
const PRESENCE_REFRESH_MS = 20_000;

/** Loads once per batch whatever several subscribers need (the annotation of an event…). */
export type Memo = <T>(key: string, load: () => Promise<T>) => Promise<T>;

function makeMemo(): Memo {
  const cache = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>) => {
    let hit = cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      cache.set(key, hit);
    }
    return hit;
  };
}

const BATCH = 500;

export class LiveHub {
  private readonly sql: postgres.Sql;
  private readonly ready: Promise<void>;
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly pumping = new Map<string, { again: boolean; done: Promise<void> }>();
  private closed = false;
  /** Readers on other instances: documentId → "instance:userId" → name and expiry. */
  private readonly remote = new Map<
    string,
    Map<string, { id: string; name: string; until: number }>
  >();
  private readonly refresh: ReturnType<typeof setInterval>;
  /** This hub's name among the instances (a process holds one; tests may hold several). */
  private readonly instance = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

  constructor(url: string = env().GLOSSA_LISTEN_DATABASE_URL ?? databaseUrl()) {
    this.sql = postgres(url, { max: 1, idle_timeout: 0, onnotice: () => {} });
    this.ready = Promise.all([
      this.sql.listen(
        LIVE_EVENTS_CHANNEL,
        (payload) => this.onEvent(payload),
        () => this.catchUpAll(),
      ),
      this.sql.listen(LIVE_MEMBERS_CHANNEL, (payload) => this.onMembershipEnded(payload)),
      // Once listening (and after any reconnect), ask the other instances who reads what.
      this.sql.listen(
        PRESENCE_CHANNEL,
        (payload) => this.onPresence(payload),
        () =>
          void this.sql
            .notify(PRESENCE_CHANNEL, JSON.stringify({ i: this.instance, s: "hello" }))
            .catch(() => {}),
      ),
    ]).then(() => undefined);
    this.refresh = setInterval(() => this.announceAll(), PRESENCE_REFRESH_MS);
    this.refresh.unref?.();
    // A failed first LISTEN must not become an unhandled rejection; subscribe() reports it.
    this.ready.catch(() => {});
  }

  /** Registers a subscriber and delivers what it missed since lastSeq; returns its removal. */
  async subscribe(subscriber: Subscriber): Promise<() => void> {
    await this.ready;
    const set = this.subscribers.get(subscriber.documentId) ?? new Set<Subscriber>();
    const arriving = ![...set].some((other) => other.userId === subscriber.userId);
    set.add(subscriber);
    this.subscribers.set(subscriber.documentId, set);
    void this.pump(subscriber.documentId);
    // Everyone hears of a new reader; another tab of a reader already here changes nothing.
    if (arriving) {
      this.announce(subscriber.documentId, subscriber.userId, subscriber.name, "join");
      this.broadcastPresence(subscriber.documentId);
    } else subscriber.presence(this.readers(subscriber.documentId));
    return () => this.unsubscribe(subscriber);
  }

  /** Who reads the document now: this instance's subscribers and the other instances'. */
  readers(documentId: string): Reader[] {
    const byId = new Map<string, string>();
    for (const subscriber of this.subscribers.get(documentId) ?? [])
      byId.set(subscriber.userId, subscriber.name);
    const now = Date.now();
    for (const entry of this.remote.get(documentId)?.values() ?? [])
      if (entry.until > now) byId.set(entry.id, entry.name);
    return [...byId]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private broadcastPresence(documentId: string): void {
    const readers = this.readers(documentId);
    for (const subscriber of this.subscribers.get(documentId) ?? []) subscriber.presence(readers);
  }

  private announce(documentId: string, userId: string, name: string, state: "join" | "leave") {
    const payload = JSON.stringify({
      d: documentId,
      u: userId,
      n: name,
      i: this.instance,
      s: state,
    });
    void this.sql.notify(PRESENCE_CHANNEL, payload).catch(() => {});
  }

  private announceAll(): void {
    for (const [documentId, set] of this.subscribers) {
      const seen = new Set<string>();
      for (const subscriber of set)
        if (!seen.has(subscriber.userId)) {
          seen.add(subscriber.userId);
          this.announce(documentId, subscriber.userId, subscriber.name, "join");
        }
    }
    // Forget what expired.
    const now = Date.now();
    for (const [documentId, entries] of this.remote) {
      let changed = false;
      for (const [key, entry] of entries)
        if (entry.until <= now) {
          entries.delete(key);
          changed = true;
        }
      if (!entries.size) this.remote.delete(documentId);
      if (changed) this.broadcastPresence(documentId);
    }
  }

  private onPresence(payload: string): void {
    let message: { d: string; u: string; n: string; i: string; s: string };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (message.i === this.instance) return;
    if (message.s === "hello") return this.announceAll();
    const entries = this.remote.get(message.d) ?? new Map();
    const key = `${message.i}:${message.u}`;
    const before = this.readers(message.d).length;
    if (message.s === "leave") entries.delete(key);
    else
      entries.set(key, {
        id: message.u,
        name: message.n,
        until: Date.now() + PRESENCE_REFRESH_MS * 3,
      });
    if (entries.size) this.remote.set(message.d, entries);
    else this.remote.delete(message.d);
    if (message.s === "leave" || this.readers(message.d).length !== before)
      this.broadcastPresence(message.d);
  }

  /** How many subscribers this instance holds (for tests and the health of the process). */
  count(documentId?: string): number {
    if (documentId) return this.subscribers.get(documentId)?.size ?? 0;
    let total = 0;
    for (const set of this.subscribers.values()) total += set.size;
    return total;
  }

  async close(): Promise<void> {
    clearInterval(this.refresh);
    for (const [documentId, set] of this.subscribers)
      for (const userId of new Set([...set].map((subscriber) => subscriber.userId)))
        this.announce(documentId, userId, "", "leave");
    this.closed = true;
    for (const set of this.subscribers.values())
      for (const subscriber of set) subscriber.close("server shutting down");
    this.subscribers.clear();
    await this.sql.end({ timeout: 1 });
  }

  private unsubscribe(subscriber: Subscriber): void {
    const set = this.subscribers.get(subscriber.documentId);
    if (!set?.delete(subscriber)) return;
    if (!set.size) this.subscribers.delete(subscriber.documentId);
    if (![...set].some((other) => other.userId === subscriber.userId)) {
      if (!this.closed)
        this.announce(subscriber.documentId, subscriber.userId, subscriber.name, "leave");
      this.broadcastPresence(subscriber.documentId);
    }
  }

  private onEvent(payload: string): void {
    const documentId = payload.slice(0, payload.lastIndexOf(":"));
    if (this.subscribers.has(documentId)) void this.pump(documentId);
  }

  private catchUpAll(): void {
    for (const documentId of this.subscribers.keys()) void this.pump(documentId);
  }

  private onMembershipEnded(payload: string): void {
    const [workspaceId, userId] = payload.split(":");
    for (const set of this.subscribers.values())
      for (const subscriber of [...set])
        if (subscriber.workspaceId === workspaceId && subscriber.userId === userId) {
          this.unsubscribe(subscriber);
          subscriber.close("removed from the workspace");
        }
  }

  /** Reads the document's log past the slowest subscriber and hands each subscriber what it
   * lacks. One pump per document at a time; a notification during a pump runs it again. */
  private pump(documentId: string): Promise<void> {
    const running = this.pumping.get(documentId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await this.pumpOnce(documentId);
        } while (state.again && !this.closed);
      } catch (error) {
        console.error(`live events for ${documentId}:`, (error as Error).message);
      } finally {
        this.pumping.delete(documentId);
      }
    })();
    this.pumping.set(documentId, state);
    return state.done;
  }

  private async pumpOnce(documentId: string): Promise<void> {
    for (;;) {
      const subscribers = [...(this.subscribers.get(documentId) ?? [])];
      if (!subscribers.length) return;
      const from = subscribers.reduce(
        (min, s) => (s.lastSeq < min ? s.lastSeq : min),
        subscribers[0]!.lastSeq,
      );
      const events: LogEvent[] = await livePrisma().event.findMany({
        where: { documentId, seq: { gt: from } },
        orderBy: { seq: "asc" },
        take: BATCH,
        select: { seq: true, type: true, subjectId: true, audienceUserId: true, createdAt: true },
      });
      if (!events.length) return;
      const memo = makeMemo();
      await Promise.all(
        subscribers.map(async (subscriber) => {
          const missing = events.filter((event) => event.seq > subscriber.lastSeq);
          if (!missing.length) return;
          try {
            await subscriber.deliver(missing, memo);
            subscriber.lastSeq = missing.at(-1)!.seq;
          } catch {
            this.unsubscribe(subscriber);
            subscriber.close("delivery failed");
          }
        }),
      );
      if (events.length < BATCH) return;
    }
  }
}

const globalHub = globalThis as unknown as { glossaLiveHub?: LiveHub };

/** This instance's hub (one listening connection), made on first use. */
export function liveHub(): LiveHub {
  globalHub.glossaLiveHub ??= new LiveHub();
  return globalHub.glossaLiveHub;
}

export async function closeLiveHub(): Promise<void> {
  const hub = globalHub.glossaLiveHub;
  globalHub.glossaLiveHub = undefined;
  await hub?.close();
}
