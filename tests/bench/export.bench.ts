import { readdirSync, readFileSync } from "node:fs";

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

import postgres from "postgres";

import type { Benchmark, Figure } from "./harness";
import { sessionCookie, startBenchServer } from "./server";

// CSV export of 50,000 annotations through the production server (HTTP, session, the cursor,
// the formatter), against PostgreSQL's own `COPY (the same query) TO STDOUT WITH CSV` of the
// same rows in the same run: rows per second, and how far the server's resident memory grows
// while it streams (sampled every 10 ms across the server's whole process tree).

const ROWS = 50_000;
const BATCH = 5_000;

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
function treeRss(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      total += Number(rss ?? 0) * 1024;
    } catch {
      // gone meanwhile
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** 50,000 annotations on the seed article: quotes of every length along the text, a third with
 * a comment, most with one or two tags, by the three demo users. */
export async function seedAnnotations(sql: postgres.Sql): Promise<string> {
  const [document] = await sql<
    Array<{ id: string; revisionId: string; workspaceId: string; length: number }>
  >`
    SELECT d.id, d."currentRevisionId" AS "revisionId", d."workspaceId", length(r.text) AS length
    FROM "Document" d JOIN "Revision" r ON r.id = d."currentRevisionId" LIMIT 1`;
  const { id, revisionId, workspaceId, length } = document!;
  const tags = ["trial balloon", "alliance friction", "institutions", "=formula", "sanctions"];
  for (const [i, name] of tags.entries())
    await sql`
      INSERT INTO "Tag" (id, "workspaceId", name, "normalizedName", color, "updatedAt")
      VALUES (${`benchtag${i}`}, ${workspaceId}, ${name}, ${name}, '#f59e0b', now())
      ON CONFLICT DO NOTHING`;
  const tagIds = await sql<Array<{ id: string }>>`
    SELECT id FROM "Tag" WHERE "workspaceId" = ${workspaceId} ORDER BY name`;
  for (let offset = 0; offset < ROWS; offset += BATCH) {
    await sql`
      INSERT INTO "Annotation" (id, "documentId", "authorId", "revisionId", "anchorRevisionId",
        "quoteExact", "quotePrefix", "quoteSuffix", "positionStart", "positionEnd",
        "anchorStart", "anchorEnd", "bodyText", "bodyHtml", "createdAt", "updatedAt")
      SELECT 'bench' || n, ${id}, (SELECT id FROM "User" ORDER BY email OFFSET n % 3 LIMIT 1),
        ${revisionId}, ${revisionId},
        substr(r.text, s + 1, len), substr(r.text, greatest(s - 31, 1), least(s, 32)),
        substr(r.text, s + len + 1, 32), s, s + len, s, s + len,
        CASE WHEN n % 3 = 0 THEN 'A comment on passage ' || n || ', with "quotes", commas and =signs.' END,
        CASE WHEN n % 3 = 0 THEN '<p>A comment on passage ' || n || '</p>' END,
        now() - (n || ' seconds')::interval, now()
      FROM (
        SELECT n, (n * 7919) % (${length}::int - 200) AS s, 8 + n % 120 AS len
        FROM generate_series(${offset}::int, ${offset + BATCH - 1}::int) AS n
      ) g, "Revision" r WHERE r.id = ${revisionId}`;
  }
  for (const [i, tag] of tagIds.entries())
    await sql`
      INSERT INTO "AnnotationTag" ("annotationId", "tagId")
      SELECT 'bench' || n, ${tag.id} FROM generate_series(0, ${ROWS - 1}::int) AS n
      WHERE n % ${tagIds.length + 1}::int = ${i}::int OR n % 7 = ${i}::int
      ON CONFLICT DO NOTHING`;
  await sql`ANALYZE`;
  return id;
}

/** Counts CSV records: line ends outside quoted fields (both sides quote line breaks). */
function recordCounter() {
  let inQuotes = false;
  const counter = {
    records: 0,
    add(chunk: Uint8Array) {
      for (let i = 0; i < chunk.length; i += 1) {
        if (chunk[i] === 34) inQuotes = !inQuotes;
        else if (chunk[i] === 10 && !inQuotes) counter.records += 1;
      }
    },
  };
  return counter;
}

async function countRecords(stream: AsyncIterable<Uint8Array>): Promise<number> {
  const counter = recordCounter();
  for await (const chunk of stream) counter.add(chunk);
  return counter.records;
}

/** PostgreSQL writing the same rows as CSV itself: the floor under any export. */
async function copyRate(
  sql: postgres.Sql,
  documentId: string,
): Promise<{ rate: number; rows: number }> {
  // COPY takes no parameters: the id is ours, and checked to be a plain token.
  if (!/^[A-Za-z0-9_-]+$/.test(documentId)) throw new Error("unexpected document id");
  const started = performance.now();
  // The export's own query (lib/server/export/export-snapshot.ts), written out for COPY.
  const stream = await sql
    .unsafe(
      `
    COPY (
      WITH scoped AS MATERIALIZED (
        SELECT a.id, a."documentId", d."createdAt" AS "documentCreatedAt", a."quoteExact",
          a."quotePrefix", a."quoteSuffix", a."anchorStart", a."anchorEnd", a."anchorState",
          a.visibility, a.status, a."createdAt", a."updatedAt", a."bodyHtml", a."bodyText",
          a."authorId", a."importedAuthor", d.title
        FROM "Annotation" a JOIN "Document" d ON d.id = a."documentId"
        WHERE a."documentId" = '${documentId}' AND a."deletedAt" IS NULL AND d."deletedAt" IS NULL
      ),
      tag_lists AS (
        SELECT x."annotationId" AS id, string_agg(t.name, '; ' ORDER BY x."createdAt", t.name) AS tags
        FROM "AnnotationTag" x JOIN "Tag" t ON t.id = x."tagId"
        WHERE x."annotationId" IN (SELECT id FROM scoped)
        GROUP BY x."annotationId"
      ),
      reply_counts AS (
        SELECT r."annotationId" AS id, count(*)::int AS count FROM "Reply" r
        WHERE r."annotationId" IN (SELECT id FROM scoped) AND r."deletedAt" IS NULL
        GROUP BY r."annotationId"
      )
      SELECT a.title, a."quoteExact", a."quotePrefix", a."quoteSuffix", a."anchorStart",
        a."anchorEnd", a."anchorState", a.visibility, a.status, a."createdAt", a."updatedAt",
        a."bodyText", COALESCE(a."importedAuthor", u.name), COALESCE(rc.count, 0), tl.tags, a.id
      FROM scoped a JOIN "User" u ON u.id = a."authorId"
      LEFT JOIN tag_lists tl ON tl.id = a.id LEFT JOIN reply_counts rc ON rc.id = a.id
      ORDER BY a."documentCreatedAt", a."documentId", a."anchorStart" NULLS LAST, a.id
    ) TO STDOUT WITH (FORMAT csv)`,
    )
    .readable();
  // Flowing mode: with `for await` the client's COPY stream sometimes stalls (PostgreSQL then
  // waits in ClientWrite forever), a back-pressure bug of the postgres package's readable().
  const counter = recordCounter();
  await new Promise<void>((resolve, reject) => {
    stream.on("data", (chunk: Uint8Array) => counter.add(chunk));
    stream.once("end", resolve);
    stream.once("error", reject);
  });
  const rows = counter.records;
  const seconds = (performance.now() - started) / 1000;
  return { rate: rows / seconds, rows };
}

async function exportRate(
  base: string,
  cookie: string,
  documentId: string,
  serverPid: number,
  filter = "",
): Promise<{ rate: number; rows: number; growth: number }> {
  const before = treeRss(serverPid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(serverPid))), 10);
  const started = performance.now();
  const response = await fetch(
    `${base}/api/v1/documents/${documentId}/export?format=csv${filter}`,
    {
      headers: { cookie },
    },
  );
  if (!response.ok) throw new Error(`export failed: ${response.status}`);
  const records = await countRecords(response.body as unknown as AsyncIterable<Uint8Array>);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, treeRss(serverPid));
  return { rate: (records - 1) / seconds, rows: records - 1, growth: peak - before };
}

/** The same export run in this process, the live heap measured after a full GC every 40
 * chunks: what the export itself keeps alive while it streams (RSS also counts the garbage V8
 * lets accumulate before collecting, which levels off). */
async function liveHeap(documentId: string): Promise<{ start: number; max: number; rows: number }> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const { exportAnnotations } = await import("@/lib/server/export/export-annotations");
  const { exportQuerySchema } = await import("@/lib/shared/schemas/export");
  const { prisma } = await import("@/lib/server/db");
  const owner = await prisma.membership.findFirstOrThrow({
    where: { role: "owner", workspace: { documents: { some: { id: documentId } } } },
  });
  const actor = { userId: owner.userId, name: "", email: "", via: "session" as const };
  const result = await exportAnnotations(
    actor as never,
    { documentId },
    exportQuerySchema.parse({ format: "csv" }),
    { baseUrl: "http://bench", search: "" },
  );
  gc();
  const start = process.memoryUsage().heapUsed;
  let max = start;
  let chunks = 0;
  const counter = recordCounter();
  for await (const chunk of result.body as unknown as AsyncIterable<Uint8Array>) {
    counter.add(chunk);
    if (++chunks % 40 === 0) {
      gc();
      max = Math.max(max, process.memoryUsage().heapUsed);
    }
  }
  const { closeExportSql } = await import("@/lib/server/db/sql");
  await closeExportSql();
  return { start, max, rows: counter.records - 1 };
}

export const exportBenchmark: Benchmark = {
  name: "export: CSV of 50,000 annotations",
  async run(): Promise<Figure[]> {
    const server = await startBenchServer();
    const sql = postgres(server.databaseUrl, { max: 2, onnotice: () => {} });
    try {
      const debug = (what: string) => process.env.BENCH_DEBUG && process.stderr.write(`${what}\n`);
      const documentId = await seedAnnotations(sql);
      debug("seeded");
      const cookie = await sessionCookie(server.base, "amina@example.com");
      // Warm up: the route compiled and loaded, the cache of the table warm, for both sides.
      debug(
        `warm-up export: ${JSON.stringify(await exportRate(server.base, cookie, documentId, server.pid))}`,
      );
      const watchdog = process.env.BENCH_DEBUG
        ? setInterval(async () => {
            const probe = postgres(server.databaseUrl, { max: 1 });
            debug(
              JSON.stringify(
                await probe`SELECT pid, state, wait_event_type, wait_event, left(query, 60) AS q FROM pg_stat_activity WHERE datname = current_database()`,
              ),
            );
            await probe.end();
          }, 8000)
        : null;
      await copyRate(sql, documentId);
      debug("copy done");
      const copy = await copyRate(sql, documentId);
      debug(`copy: ${JSON.stringify(copy)}`);
      const ours = await exportRate(server.base, cookie, documentId, server.pid);
      // A third of the rows: if memory grows with the rows, it shows here.
      const [amina] = await sql<
        Array<{ id: string }>
      >`SELECT id FROM "User" WHERE email = 'amina@example.com'`;
      const third = await exportRate(
        server.base,
        cookie,
        documentId,
        server.pid,
        `&author=${amina!.id}`,
      );
      if (watchdog) clearInterval(watchdog);
      const heap = await liveHeap(documentId);
      if (ours.rows < ROWS || copy.rows < ROWS)
        throw new Error(`expected ${ROWS} rows, got ${ours.rows} (export), ${copy.rows} (COPY)`);
      return [
        {
          name: `CSV export over HTTP (${ours.rows.toLocaleString("en")} rows)`,
          value: ours.rate,
          unit: "rows/s",
          baseline: copy.rate,
          baselineName: "COPY … TO STDOUT (CSV)",
          lowerIsBetter: false,
          budget: { minRatio: 0.25 },
        },
        {
          name: `server memory growth while exporting ${ours.rows.toLocaleString("en")} rows (peak RSS − before)`,
          value: ours.growth / (1024 * 1024),
          unit: "MB",
          lowerIsBetter: true,
          budget: { max: 100 },
        },
        {
          name: `the same while exporting ${third.rows.toLocaleString("en")} rows`,
          value: third.growth / (1024 * 1024),
          unit: "MB",
          lowerIsBetter: true,
        },
        {
          name: `live heap after GC during a ${heap.rows.toLocaleString("en")}-row export, growth (in-process)`,
          value: (heap.max - heap.start) / (1024 * 1024),
          unit: "MB",
          lowerIsBetter: true,
          budget: { max: 20 },
        },
      ];
    } finally {
      await sql.end();
      await server.stop();
    }
  },
};
