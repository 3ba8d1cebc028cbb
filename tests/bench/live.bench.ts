import postgres from "postgres";

import type { Benchmark, Figure } from "./harness";
import { sessionCookie, startBenchServer, until } from "./server";

// 200 readers subscribed to one document's live events and 20 writers highlighting at once,
// against the production build: the latency from a writer's 201 to the event's arrival at
// every subscriber (p50, p95), and how many deliveries were lost (must be none). Beside it, in
// the same run, the floor under it: a bare PostgreSQL NOTIFY to LISTEN round trip.

const SUBSCRIBERS = 200;
const WRITERS = 20;
const PER_WRITER = 10;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

interface Subscription {
  received: Map<string, number>;
  ready: Promise<void>;
  close(): void;
}

function subscribe(url: string, cookie: string): Subscription {
  const received = new Map<string, number>();
  const controller = new AbortController();
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  void (async () => {
    const response = await fetch(url, { headers: { cookie }, signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let split;
        while ((split = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          if (block.startsWith("retry:")) markReady();
          if (!block.includes("event: annotation.created")) continue;
          const data = block.split("\n").find((line) => line.startsWith("data: "));
          if (data) received.set((JSON.parse(data.slice(6)) as { id: string }).id, Date.now());
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  return { received, ready, close: () => controller.abort() };
}

async function notifyFloor(databaseUrl: string): Promise<number[]> {
  const listener = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const sender = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const latencies: number[] = [];
  const sent = new Map<string, number>();
  await listener.listen("glossa_bench", (payload) => {
    latencies.push(Date.now() - sent.get(payload)!);
  });
  for (let i = 0; i < WRITERS * PER_WRITER; i += 1) {
    sent.set(String(i), Date.now());
    await sender`SELECT pg_notify('glossa_bench', ${String(i)})`;
  }
  await until(async () => latencies.length === WRITERS * PER_WRITER, 10_000, "notifications");
  await listener.end();
  await sender.end();
  return latencies;
}

export const liveBenchmark: Benchmark = {
  name: "live events: 200 readers, 20 writers",
  async run(): Promise<Figure[]> {
    const server = await startBenchServer();
    const subscriptions: Subscription[] = [];
    try {
      const { prisma } = await import("@/lib/server/db");
      const document = await prisma.document.findFirstOrThrow({
        include: { currentRevision: true },
      });
      const words = [...document.currentRevision!.text.matchAll(/[A-Za-z]{6,}/g)].map(
        (match) => match[0],
      );
      const [reader, writer] = await Promise.all([
        sessionCookie(server.base, "ben@example.com"),
        sessionCookie(server.base, "amina@example.com"),
      ]);
      const url = `${server.base}/api/v1/documents/${document.id}/events`;
      for (let i = 0; i < SUBSCRIBERS; i += 1) subscriptions.push(subscribe(url, reader));
      await Promise.all(subscriptions.map((subscription) => subscription.ready));

      const acknowledged = new Map<string, number>();
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          for (let i = 0; i < PER_WRITER; i += 1) {
            const exact = words[(w * PER_WRITER + i) % words.length]!;
            const response = await fetch(
              `${server.base}/api/v1/documents/${document.id}/annotations`,
              {
                method: "POST",
                headers: { cookie: writer, "content-type": "application/json" },
                body: JSON.stringify({ target: { quote: { exact } } }),
              },
            );
            const at = Date.now();
            if (response.status !== 201) throw new Error(`write failed: ${response.status}`);
            acknowledged.set(((await response.json()) as { id: string }).id, at);
          }
        }),
      );
      const expected = SUBSCRIBERS * acknowledged.size;
      const delivered = () =>
        subscriptions.reduce(
          (sum, subscription) =>
            sum + [...acknowledged.keys()].filter((id) => subscription.received.has(id)).length,
          0,
        );
      await until(async () => delivered() === expected, 30_000, "every delivery").catch(() => {});
      const latencies: number[] = [];
      for (const subscription of subscriptions)
        for (const [id, at] of acknowledged) {
          const got = subscription.received.get(id);
          // An event can arrive before its writer reads the 201: that is no latency at all.
          if (got !== undefined) latencies.push(Math.max(0, got - at));
        }
      const floor = await notifyFloor(server.databaseUrl);
      return [
        {
          name: `latency 201 → every subscriber, p50 (${acknowledged.size} writes × ${SUBSCRIBERS})`,
          value: percentile(latencies, 50),
          unit: "ms",
          baseline: percentile(floor, 50),
          baselineName: "bare NOTIFY → LISTEN",
          lowerIsBetter: true,
        },
        {
          name: "latency 201 → every subscriber, p95",
          value: percentile(latencies, 95),
          unit: "ms",
          baseline: percentile(floor, 95),
          baselineName: "bare NOTIFY → LISTEN",
          lowerIsBetter: true,
          budget: { max: 250 },
        },
        {
          name: "deliveries lost",
          value: expected - delivered(),
          unit: "events",
          lowerIsBetter: true,
          budget: { max: 0 },
        },
      ];
    } finally {
      for (const subscription of subscriptions) subscription.close();
      await server.stop();
    }
  },
};
